package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.cairnmq.store.StoreException;

/**
 * This node's relay of one topic ({@link TopicRelays}): a receiver always in line on the relay's queue, which
 * hands what it takes to the non-durable subscriptions here, a batch at a time, one batch after another. A
 * batch whose hand-over fails waits and is tried again; one whose claims were lost is dropped from memory.
 */
final class TopicRelay implements Receiver {
    private static final Logger LOG = Logger.getLogger(TopicRelay.class.getName());
    /** How many relayed messages go to the subscriptions here in one store transaction, at most. */
    private static final int BATCH = 256;
    private static final long RETRY_MILLIS = 1_000;

    final String topic;
    final long id;
    final QueueDestination queue;
    int subscriptions; // guarded by the lock of TopicRelays
    private final SerialExecutor serial;
    private final List<QueuedMessage> handed = new ArrayList<>(); // guarded by itself
    private volatile boolean stopped;
    private boolean retrying; // guarded by handed: a failed batch waits for its retry
    private final DeliveryScheduler scheduler;
    private final LongSupplier now;
    private final TopicRelays.Forwarder forwarder;

    /** @param queue the relay's queue, which this node reads */
    TopicRelay(String topic, long id, QueueDestination queue, Executor threads, DeliveryScheduler scheduler,
            LongSupplier now, TopicRelays.Forwarder forwarder) {
        this.topic = topic;
        this.id = id;
        this.queue = queue;
        this.serial = new SerialExecutor(threads);
        this.scheduler = scheduler;
        this.now = now;
        this.forwarder = forwarder;
        queue.readByBroker();
    }

    void start() {
        serial.execute(this::forwardReady);
    }

    void stop() {
        stopped = true;
        queue.leaveLine(this);
        queue.drain();
        synchronized (handed) {
            handed.forEach(QueuedMessage::releaseMemory);
            handed.clear();
        }
    }

    @Override
    public boolean accepts(QueuedMessage message) {
        return true;
    }

    @Override
    public void deliver(QueuedMessage message) {
        boolean now;
        synchronized (handed) {
            handed.add(message);
            now = !retrying;
        }
        if (stopped) {
            stop();
        } else if (now) {
            serial.execute(this::forwardReady);
        }
    }

    /** Forwards what was handed over and what is ready, until none is: then it waits in line. */
    private void forwardReady() {
        while (!stopped) {
            List<QueuedMessage> batch;
            synchronized (handed) {
                if (retrying) {
                    return;
                }
                batch = new ArrayList<>(handed);
                handed.clear();
            }
            boolean inLine = false;
            while (batch.size() < BATCH) {
                QueuedMessage next = queue.takeOrWait(this);
                if (next == null) {
                    inLine = true;
                    break;
                }
                batch.add(next);
            }
            if (!batch.isEmpty() && !forward(batch)) {
                return;
            }
            if (inLine) {
                return; // the next arrival is handed over, and forwarded then
            }
        }
    }

    /** @return whether to go on; if not, the batch waits for a retry */
    private boolean forward(List<QueuedMessage> batch) {
        try {
            forwarder.forward(topic, batch);
            return true;
        } catch (BrokerException e) {
            if (StoreException.causedByClaimsLost(e)) {
                batch.forEach(QueuedMessage::releaseMemory); // another node took them over
                return true;
            }
            LOG.warning("Could not forward messages relayed on topic " + topic + "; trying again: "
                    + e.getMessage());
            synchronized (handed) {
                retrying = true;
                handed.addAll(0, batch);
            }
            scheduler.at(now.getAsLong() + RETRY_MILLIS, () -> {
                synchronized (handed) {
                    retrying = false;
                }
                serial.execute(this::forwardReady);
            });
            return false;
        }
    }
}
