package org.cairnmq.engine;

/**
 * A message in a queue, or delivered from it and not yet acknowledged. Each delivery attempt is a new
 * instance with the count one higher.
 */
public final class QueuedMessage {
    final long sequence;
    final long storeId;
    final QueueDestination queue;
    private final BrokerMessage message;
    private final int deliveryCount;

    QueuedMessage(long sequence, long storeId, QueueDestination queue, BrokerMessage message, int deliveryCount) {
        this.sequence = sequence;
        this.storeId = storeId;
        this.queue = queue;
        this.message = message;
        this.deliveryCount = deliveryCount;
    }

    public BrokerMessage message() {
        return message;
    }

    /** Which delivery attempt this is, starting at 1 ({@code JMSXDeliveryCount}). */
    public int deliveryCount() {
        return deliveryCount;
    }

    /** The destination the message was sent to: the queue, or the topic of the subscription. */
    public DestinationAddress destination() {
        return queue.address();
    }

    boolean persistent() {
        return storeId != 0;
    }

    QueuedMessage nextAttempt() {
        return new QueuedMessage(sequence, storeId, queue, message, deliveryCount + 1);
    }
}
