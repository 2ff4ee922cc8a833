package org.cairnmq.management;

/**
 * A destination as an operator sees it at one moment. Counters run since the broker started; rates are
 * for the caller to derive from two readings.
 *
 * @param depth             messages waiting to be delivered (in memory and in the store); for a topic, the
 *                          sum over its subscriptions
 * @param inMemory          of those, how many the broker holds in memory
 * @param inFlight          delivered to consumers and not yet acknowledged
 * @param scheduled         waiting for their delivery time or a redelivery back-off
 * @param consumers         consumers attached (for a topic: to all its subscriptions)
 * @param subscriptions     a topic's subscriptions; 0 for a queue
 * @param enqueued          messages that arrived
 * @param acknowledged      messages consumed for good
 * @param expired           messages that expired here
 * @param deadLettered      messages moved from here to a dead-letter queue
 * @param oldestMessageAgeMillis age of the oldest message waiting in memory, or -1 when none
 * @param temporary         whether it is a temporary destination of one connection
 * @param memoryBytes       the estimated bytes its messages that cannot page hold against its flow-control
 *                          limit (for a topic, its subscriptions and its uncommitted sends together)
 * @param memoryLimitBytes  that limit (for a topic, the limit of each subscription), the operator's own or the
 *                          configured one ({@link BrokerManagement#memoryLimit})
 */
public record DestinationView(
        DestinationType type,
        String name,
        long depth,
        long inMemory,
        long inFlight,
        long scheduled,
        int consumers,
        int subscriptions,
        long enqueued,
        long acknowledged,
        long expired,
        long deadLettered,
        long oldestMessageAgeMillis,
        boolean temporary,
        long memoryBytes,
        long memoryLimitBytes) {
}
