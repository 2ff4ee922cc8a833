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
 *
 * <p>On a store several nodes share ({@link MessageStore#shared}), every durable queue is paged: sends are
 * written for any node to claim, and a node claims only what its waiting consumers take next (see
 * {@link QueueDestination}), when it hears of arrivals ({@link #arrived}) or, failing that, by looking
 * again after a delay that grows while the queue stays empty ({@link #POLL_MIN_MILLIS} to
 * {@link #pollMaxMillis}).
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
    private volatile boolean clustered;
    private final java.util.function.BooleanSupplier holdsClaims;
    private volatile int epoch;
    /** How soon a queue of a shared store with waiting consumers looks again after finding nothing, at first. */
    static final long POLL_MIN_MILLIS = 50;
    private final java.util.Map<QueueDestination, Poll> polls = new java.util.HashMap<>(); // guarded by itself
    private volatile long pollMaxMillis = RETRY_MILLIS;

    /**
     * @param holdsClaims whether this broker's lease holds now: it may dispatch what it claimed
     */
    PageLoader(MessageStore store, DeliveryScheduler scheduler, java.time.Clock clock, int memoryLimit,
            BiFunction<StoredMessage, QueueDestination, QueuedMessage> toQueued,
            java.util.function.BooleanSupplier holdsClaims) {
        this.holdsClaims = holdsClaims;
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

    /**
     * Whether other nodes are live on the store: then every durable queue pages, and claims only what its
     * consumers take next. A node alone on a shared store keeps what it sends in memory, as on a store of
     * its own.
     */
    boolean clustered() {
        return clustered;
    }

    /** On the loader thread: from now on queues page (or not) as {@link #clustered} says. */
    void clustered(boolean others) {
        clustered = others;
    }

    /** Whether this broker may dispatch the stored messages it holds now (its lease holds). */
    boolean holdsClaims() {
        return holdsClaims.getAsBoolean();
    }

    /** The claims messages are held under; those of an earlier epoch are no longer this broker's. */
    int epoch() {
        return epoch;
    }

    /** Whether a stored message was claimed under an epoch since voided: it must not be delivered. */
    boolean isStale(QueuedMessage message) {
        return message.persistent() && message.epoch != epoch;
    }

    /**
     * Voids every claim made so far (the lease was lost and another node took them over), between two page
     * loads: {@code purge} drops the messages held in memory. Returns once done.
     */
    void voidClaims(Runnable purge) {
        betweenLoads(() -> {
            epoch++;
            purge.run();
        });
    }

    /** Runs the action on the loader thread, between two page loads, and returns once it ran. */
    void betweenLoads(Runnable action) {
        java.util.concurrent.Future<?> done;
        try {
            done = thread.submit(action);
        } catch (RejectedExecutionException closed) {
            return;
        }
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.log(Level.WARNING, "Could not change the queues' claims", e.getCause());
        }
    }

    /**
     * Other nodes committed messages to the queue: it looks at once, and then soon again if it finds none.
     * Also sets how long at most a queue waits between looks: longer when arrivals are heard of.
     */
    void arrived(QueueDestination queue) {
        foundSome(queue);
        queue.loadIfLow();
    }

    /** The looks of one queue of a shared store while a consumer waits on it. Guarded by {@code polls}. */
    private static final class Poll {
        int emptyLooks; // in a row: the next look waits twice as long as the last
        boolean scheduled;
    }

    private void foundSome(QueueDestination queue) {
        synchronized (polls) {
            Poll poll = polls.get(queue);
            if (poll != null) {
                poll.emptyLooks = 0;
            }
        }
    }

    /** How long at most a queue of a shared store waits between looks while it stays empty. */
    void pollAtMost(long millis) {
        pollMaxMillis = Math.max(POLL_MIN_MILLIS, millis);
    }

    /** How many messages of the queue the store holds, for every node (not yet acknowledged). */
    long storedCount(QueueDestination queue) {
        return store.countStored(queue.storedQueue());
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
        if (!holdsClaims()) { // claims made now would not be dispatched before the lease holds again
            queue.loadFailed();
            retryLater(queue);
            return;
        }
        QueueDestination.PageRequest request = queue.beginLoad();
        List<QueuedMessage> page = new ArrayList<>();
        boolean more;
        try {
            long now = clock.millis();
            for (StoredMessage stored : store.claim(queue.storedQueue(), request.wanted(), now)) {
                page.add(toQueued.apply(stored, queue));
            }
        } catch (RuntimeException e) { // StoreException, or a message the engine cannot decode
            LOG.log(Level.WARNING, "Cannot load messages of " + queue.name() + " from the store; trying again", e);
            queue.loadFailed();
            retryLater(queue);
            return;
        }
        // Nodes sharing the store: the queue stays paged whatever is left, so no need to ask. Asked after
        // the claim: a failure here must not drop the page just claimed (its rows would stay claimed).
        try {
            more = clustered || store.hasUnclaimed(queue.storedQueue());
        } catch (RuntimeException e) {
            more = true; // look again later, as if some were left
        }
        if (clustered && !page.isEmpty()) {
            foundSome(queue);
        }
        if (queue.loaded(request, page, more)) {
            retryLater(queue);
        }
    }

    private void retryLater(QueueDestination queue) {
        if (thread.isShutdown()) {
            return;
        }
        if (!clustered) {
            scheduler.at(clock.millis() + RETRY_MILLIS, queue::loadIfLow);
            return;
        }
        long delay;
        Poll poll;
        synchronized (polls) {
            poll = polls.computeIfAbsent(queue, q -> new Poll());
            if (poll.scheduled) {
                return; // a look is on the timer already
            }
            delay = Math.min(pollMaxMillis, POLL_MIN_MILLIS << Math.min(poll.emptyLooks, 16));
            poll.emptyLooks++;
            poll.scheduled = true;
        }
        scheduler.at(clock.millis() + delay, () -> {
            synchronized (polls) {
                poll.scheduled = false;
            }
            queue.loadIfLow();
        });
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
