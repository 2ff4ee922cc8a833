package org.cairnmq.engine;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The in-memory side of one queue: messages ready for delivery, highest priority first and then in
 * arrival order, and the consumers waiting for one. A message goes straight to a waiting consumer when
 * there is one.
 */
final class QueueDestination {
    private static final Comparator<QueuedMessage> DELIVERY_ORDER = Comparator
            .comparingInt((QueuedMessage m) -> -m.message().headers().priority())
            .thenComparingLong(m -> m.sequence);

    private final String name;
    private final Object lock = new Object();
    private final PriorityQueue<QueuedMessage> ready = new PriorityQueue<>(DELIVERY_ORDER);
    private final ArrayDeque<Receiver> waiting = new ArrayDeque<>();

    QueueDestination(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Makes a message available: to the longest-waiting consumer, or to the ready list. */
    void enqueue(QueuedMessage message) {
        Receiver receiver;
        synchronized (lock) {
            receiver = waiting.poll();
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
     * Takes the next ready message, or, when there is none, puts the receiver in line: it will be called
     * back with the next message unless it leaves the line first with {@link #leaveLine}.
     */
    QueuedMessage takeOrWait(Receiver receiver) {
        synchronized (lock) {
            QueuedMessage next = ready.poll();
            if (next == null && !waiting.contains(receiver)) {
                waiting.add(receiver);
            }
            return next;
        }
    }

    /** @return {@code true} if the receiver was still in line, so no message is on its way to it */
    boolean leaveLine(Receiver receiver) {
        synchronized (lock) {
            return waiting.remove(receiver);
        }
    }

    /** Messages ready for delivery now (not counting those delivered and unacknowledged). */
    int depth() {
        synchronized (lock) {
            return ready.size();
        }
    }
}
