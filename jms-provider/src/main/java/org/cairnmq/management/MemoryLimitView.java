package org.cairnmq.management;

/**
 * The flow-control memory limit in force for a destination (for a topic: for each of its subscriptions),
 * and what it holds against it now.
 *
 * @param limitBytes  the most its messages that cannot page may hold, in estimated bytes
 * @param policy      what a send meets beyond it: {@code "BLOCK"} (waits, bounded, for room) or {@code "FAIL"}
 *                    ({@code ResourceAllocationException} at once)
 * @param own         whether an operator set this limit on the destination; {@code false} when it comes from
 *                    the broker's configuration (the {@code cairn.flow.*} system properties, or the flow
 *                    control an embedding application gave the broker)
 * @param memoryBytes the estimated bytes held now, as {@link DestinationView#memoryBytes()}
 */
public record MemoryLimitView(long limitBytes, String policy, boolean own, long memoryBytes) {
}
