package org.cairnmq.engine;

/** A consumer waiting in a queue for its next message. */
interface Receiver {
    /** Whether this receiver takes the message (its selector matches). Called under the queue's lock: be quick. */
    boolean accepts(QueuedMessage message);

    /**
     * Hands over a message. Called once per wait, outside the queue's lock; the receiver owns the message
     * from then on and must either deliver it or give it back with {@link QueueDestination#giveBack}.
     */
    void deliver(QueuedMessage message);
}
