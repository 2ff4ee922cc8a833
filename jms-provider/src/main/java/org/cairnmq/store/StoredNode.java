package org.cairnmq.store;

/**
 * One broker instance registered in a shared store, as every instance sees it.
 *
 * @param instanceId what its claims are recorded under; new at each start and after a lost lease
 * @param nodeName   the name it runs under
 * @param leaseUntil epoch millis (database clock) until which its claims hold unless renewed
 * @param renewedAt  epoch millis (database clock) of its last renewal
 * @param consumers  how many consumers it had at its last renewal
 * @param inFlight   how many messages it holds claimed (in memory, delivered or not yet acknowledged)
 */
public record StoredNode(String instanceId, String nodeName, long leaseUntil, long renewedAt, int consumers,
        long inFlight) {
}
