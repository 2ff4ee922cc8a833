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
    private final MemoryCharge charge; // null when the copy is not counted (it pages)
    /** The lease epoch its store row was claimed under ({@link NodeLease#epoch}); 0 when not stored. */
    final int epoch;

    QueuedMessage(long sequence, long storeId, QueueDestination queue, BrokerMessage message, int deliveryCount,
            int epoch) {
        this(sequence, storeId, queue, message, deliveryCount, null, epoch);
    }

    QueuedMessage(long sequence, long storeId, QueueDestination queue, BrokerMessage message, int deliveryCount,
            MemoryCharge charge, int epoch) {
        this.charge = charge;
        this.epoch = epoch;
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
        return new QueuedMessage(sequence, storeId, queue, message, deliveryCount + 1, charge, epoch);
    }

    /** The copy has left memory for good (acknowledged, expired, dead-lettered, dropped): its memory is free. */
    void releaseMemory() {
        if (charge != null) {
            charge.release();
        }
    }
}
