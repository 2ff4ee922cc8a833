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
 * @param readAt     epoch millis (database clock) when the store read this row: what "now" means for
 *                   {@link #live} and {@link #leaseLeftMillis}, whatever the reader's own clock says
 */
public record StoredNode(String instanceId, String nodeName, long leaseUntil, long renewedAt, int consumers,
        long inFlight, long readAt) {

    /** Whether its lease had not run out when the row was read: its claims held. */
    public boolean live() {
        return leaseUntil > readAt;
    }

    /** How long its lease still ran when the row was read; 0 once it has run out. */
    public long leaseLeftMillis() {
        return Math.max(0, leaseUntil - readAt);
    }
}
