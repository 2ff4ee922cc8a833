package org.cairnmq.engine;

/** Receives messages pushed to an asynchronous consumer, on its session's delivery thread. */
@FunctionalInterface
public interface DeliveryListener {
    /**
     * Called once per delivery, never concurrently for one session. The message is unacknowledged when
     * this is called; the listener acknowledges it through its session (or leaves it to the transaction).
     */
    void onDelivery(QueuedMessage message);
}
