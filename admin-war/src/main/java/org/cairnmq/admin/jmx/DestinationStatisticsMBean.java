package org.cairnmq.admin.jmx;

/**
 * A destination's statistics in JMX, as {@code org.cairnmq:type=Destination,kind=queue|topic,name=<name>}.
 * Gauges and counters are read from the broker when asked; rates are those of the admin module's latest
 * sampling interval (docs/admin.md).
 */
public interface DestinationStatisticsMBean {
    String getKind();

    String getName();

    long getDepth();

    long getInMemory();

    long getInFlight();

    long getScheduled();

    int getConsumers();

    int getSubscriptions();

    long getEnqueued();

    long getDequeued();

    long getExpired();

    long getDeadLettered();

    long getOldestMessageAgeMillis();

    /** Estimated bytes its messages that cannot page hold against its flow-control limit. */
    long getMemoryBytes();

    double getEnqueuedPerSecond();

    double getDequeuedPerSecond();
}
