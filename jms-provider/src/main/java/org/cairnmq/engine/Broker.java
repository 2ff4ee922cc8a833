package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMessage;

/**
 * The broker: its queues, and the one place where sends and acknowledgements become durable in the
 * {@link MessageStore} before they take effect in memory.
 */
public final class Broker implements AutoCloseable {
    private final MessageStore store;
    private final Executor deliveryThreads;
    private final ConcurrentMap<String, QueueDestination> queues = new ConcurrentHashMap<>();
    private final AtomicLong arrivalSequence = new AtomicLong();

    private Broker(MessageStore store, Executor deliveryThreads) {
        this.store = store;
        this.deliveryThreads = deliveryThreads;
    }

    /**
     * Starts a broker over a store, reloading the messages the store holds.
     *
     * @param deliveryThreads runs message listeners; each session uses one thread of it at a time
     */
    public static Broker start(MessageStore store, Executor deliveryThreads) {
        Broker broker = new Broker(store, deliveryThreads);
        broker.reload();
        return broker;
    }

    /**
     * Opens a session.
     *
     * @param transacted whether sends and acknowledgements wait for {@link EngineSession#commit}
     * @param started    whether consumers deliver at once, or only after {@link EngineSession#start}
     */
    public EngineSession createSession(boolean transacted, boolean started) {
        return new EngineSession(this, deliveryThreads, transacted, started);
    }

    /** Number of messages ready for delivery on a queue; {@code 0} for a queue never used. */
    public int queueDepth(String name) {
        QueueDestination queue = queues.get(name);
        return queue == null ? 0 : queue.depth();
    }

    /** Releases the store. Messages already committed stay there for the next start. */
    @Override
    public void close() {
        store.close();
    }

    QueueDestination queue(DestinationAddress address) {
        if (address.kind() != DestinationAddress.Kind.QUEUE) {
            throw new BrokerException(BrokerException.Kind.INVALID_DESTINATION,
                    "Topics are not supported yet: " + address);
        }
        return queues.computeIfAbsent(address.name(), QueueDestination::new);
    }

    /**
     * Makes sends and acknowledgements durable in one store transaction, then applies them in memory:
     * sent messages become deliverable, acknowledged ones are gone.
     */
    void complete(List<OutgoingMessage> sends, List<QueuedMessage> acknowledged) {
        StoreBatch batch = new StoreBatch();
        for (OutgoingMessage send : sends) {
            if (send.message().headers().persistent()) {
                batch.insert(StoredForm.toStored(send.queue().name(), send.message()));
            }
        }
        for (QueuedMessage ack : acknowledged) {
            if (ack.persistent()) {
                batch.delete(ack.storeId);
            }
        }
        long[] ids = commitToStore(batch);
        int next = 0;
        List<QueuedMessage> arrived = new ArrayList<>(sends.size());
        for (OutgoingMessage send : sends) {
            long storeId = send.message().headers().persistent() ? ids[next++] : 0;
            arrived.add(new QueuedMessage(arrivalSequence.incrementAndGet(), storeId, send.queue(), send.message(), 1));
        }
        arrived.forEach(m -> m.queue.enqueue(m));
    }

    private long[] commitToStore(StoreBatch batch) {
        if (batch.isEmpty()) {
            return new long[0];
        }
        try {
            return store.commit(batch);
        } catch (StoreException e) {
            throw new BrokerException(BrokerException.Kind.RESOURCE, e.getMessage(), e);
        }
    }

    private void reload() {
        for (StoredMessage stored : store.loadAll()) {
            QueueDestination queue = queues.computeIfAbsent(stored.destination(), QueueDestination::new);
            queue.enqueue(new QueuedMessage(arrivalSequence.incrementAndGet(), stored.id(), queue,
                    StoredForm.fromStored(stored), stored.deliveryCount() + 1));
        }
    }
}
