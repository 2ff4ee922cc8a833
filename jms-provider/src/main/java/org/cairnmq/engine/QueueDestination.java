package org.cairnmq.engine;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.TreeSet;

/**
 * The in-memory side of one queue, or of one topic subscription's queue: messages ready for delivery,
 * highest priority first and then in arrival order, and the consumers waiting for one. A message goes
 * straight to the longest-waiting consumer that accepts it.
 */
final class QueueDestination {
    private static final Comparator<QueuedMessage> DELIVERY_ORDER = Comparator
            .comparingInt((QueuedMessage m) -> -m.message().headers().priority())
            .thenComparingLong(m -> m.sequence);

    private final DestinationAddress address;
    private final long subscriptionId;
    private final boolean durable;
    private final Object lock = new Object();
    private final TreeSet<QueuedMessage> ready = new TreeSet<>(DELIVERY_ORDER);
    private final ArrayDeque<Receiver> waiting = new ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger consumers = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param address        what consumers see as the message's destination (the queue, or the topic)
     * @param subscriptionId the durable subscription this queue serves, or {@code 0}
     * @param durable        whether persistent messages in it are kept in the store
     */
    QueueDestination(DestinationAddress address, long subscriptionId, boolean durable) {
        this.address = address;
        this.subscriptionId = subscriptionId;
        this.durable = durable;
    }

    static QueueDestination queue(String name) {
        return new QueueDestination(DestinationAddress.queue(name), 0, true);
    }

    String name() {
        return address.name();
    }

    DestinationAddress address() {
        return address;
    }

    long subscriptionId() {
        return subscriptionId;
    }

    boolean durable() {
        return durable;
    }

    /** Makes a message available: to the longest-waiting consumer that accepts it, or to the ready list. */
    void enqueue(QueuedMessage message) {
        Receiver receiver = null;
        synchronized (lock) {
            for (Iterator<Receiver> it = waiting.iterator(); it.hasNext(); ) {
                Receiver candidate = it.next();
                if (candidate.accepts(message)) {
                    it.remove();
                    receiver = candidate;
                    break;
                }
            }
            if (receiver == null) {
                ready.add(message);
                return;
            }
        }
        receiver.deliver(message);
    }

    /** Returns a message a receiver took but did not deliver; it keeps its place by priority and age. */
    void giveBack(QueuedMessage message) {
        enqueue(message);
    }

    /**
     * Takes the first ready message the receiver accepts, or, when there is none, puts the receiver in
     * line: it will be called back with the next message it accepts unless it leaves the line first with
     * {@link #leaveLine}.
     */
    QueuedMessage takeOrWait(Receiver receiver) {
        synchronized (lock) {
            for (Iterator<QueuedMessage> it = ready.iterator(); it.hasNext(); ) {
                QueuedMessage candidate = it.next();
                if (receiver.accepts(candidate)) {
                    it.remove();
                    return candidate;
                }
            }
            if (!waiting.contains(receiver)) {
                waiting.add(receiver);
            }
            return null;
        }
    }

    /** @return {@code true} if the receiver was still in line, so no message is on its way to it */
    boolean leaveLine(Receiver receiver) {
        synchronized (lock) {
            return waiting.remove(receiver);
        }
    }

    /** The ready messages a browser sees, in delivery order: those its selector matches and not expired. */
    java.util.List<QueuedMessage> browse(org.cairnmq.selector.Selector selector, long now) {
        java.util.List<QueuedMessage> seen = new java.util.ArrayList<>();
        synchronized (lock) {
            for (QueuedMessage m : ready) {
                long expiration = m.message().headers().expiration();
                if ((expiration == 0 || expiration > now) && (selector.matchesEverything()
                        || selector.matches(new MessageSelectorFields(m.message(), m.deliveryCount())))) {
                    seen.add(m);
                }
            }
        }
        return seen;
    }

    void consumerOpened() {
        consumers.incrementAndGet();
    }

    void consumerClosed() {
        consumers.decrementAndGet();
    }

    int consumers() {
        return consumers.get();
    }

    /** Messages ready for delivery now (not counting those delivered and unacknowledged). */
    int depth() {
        synchronized (lock) {
            return ready.size();
        }
    }

    /** Drops every ready message, returning them (for a subscription that is being removed). */
    java.util.List<QueuedMessage> drain() {
        synchronized (lock) {
            java.util.List<QueuedMessage> all = new java.util.ArrayList<>(ready);
            ready.clear();
            return all;
        }
    }
}
