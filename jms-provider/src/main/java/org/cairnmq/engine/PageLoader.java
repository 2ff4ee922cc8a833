package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoredMessage;

/**
 * Brings the messages of paged queues from the store into memory, a page at a time, by claiming them for
 * this broker instance. One thread for the whole broker: loading is rare (only deep queues page) and a
 * page is one short database transaction.
 */
final class PageLoader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PageLoader.class.getName());
    /** How soon a paged queue looks again for messages it could not claim yet (delayed, or being written). */
    static final long RETRY_MILLIS = 1_000;

    private final MessageStore store;
    private final DeliveryScheduler scheduler;
    private final java.time.Clock clock;
    private final BiFunction<StoredMessage, QueueDestination, QueuedMessage> toQueued;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cairn-page-loader");
        t.setDaemon(true);
        return t;
    });
    private final int memoryLimit;

    PageLoader(MessageStore store, DeliveryScheduler scheduler, java.time.Clock clock, int memoryLimit,
            BiFunction<StoredMessage, QueueDestination, QueuedMessage> toQueued) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.memoryLimit = memoryLimit;
        this.toQueued = toQueued;
    }

    /** How many ready messages a durable queue keeps in memory before further arrivals stay in the store. */
    int memoryLimit() {
        return memoryLimit;
    }

    /** Loads the queue's next page on the loader thread. */
    void requestLoad(QueueDestination queue) {
        try {
            thread.execute(() -> load(queue));
        } catch (RejectedExecutionException closed) {
            queue.loadFailed();
        }
    }

    /** Loads the queue's first page on the calling thread (start-up, before any consumer can ask). */
    void loadNow(QueueDestination queue) {
        if (queue.startLoad()) {
            load(queue);
        }
    }

    /**
     * What a browser sees of the messages only the store holds: up to the memory limit of them, in
     * delivery order, read without claiming.
     */
    List<QueuedMessage> peek(QueueDestination queue) {
        List<QueuedMessage> seen = new ArrayList<>();
        for (StoredMessage stored : store.peek(queue.storedQueue(), memoryLimit, clock.millis())) {
            seen.add(toQueued.apply(stored, queue));
        }
        return seen;
    }

    private void load(QueueDestination queue) {
        QueueDestination.PageRequest request = queue.beginLoad();
        List<QueuedMessage> page = new ArrayList<>();
        boolean more;
        try {
            long now = clock.millis();
            for (StoredMessage stored : store.claim(queue.storedQueue(), request.wanted(), now)) {
                page.add(toQueued.apply(stored, queue));
            }
            more = store.hasUnclaimed(queue.storedQueue());
        } catch (RuntimeException e) { // StoreException, or a message the engine cannot decode
            LOG.log(Level.WARNING, "Cannot load messages of " + queue.name() + " from the store; trying again", e);
            queue.loadFailed();
            retryLater(queue);
            return;
        }
        if (queue.loaded(request, page, more)) {
            retryLater(queue);
        }
    }

    private void retryLater(QueueDestination queue) {
        if (!thread.isShutdown()) {
            scheduler.at(clock.millis() + RETRY_MILLIS, queue::loadIfLow);
        }
    }

    /** Lets a load under way finish, without interrupting it (H2 closes its file on an interrupt). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
