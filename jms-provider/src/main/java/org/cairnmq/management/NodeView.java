package org.cairnmq.management;

/**
 * One broker instance (node) sharing this broker's store, as the store records it. Times are epoch millis
 * of the database's clock, the one leases are judged by; ages are measured on that clock too, so they
 * hold whatever the clocks of the machines say. A value the store does not keep is {@code -1} (a store
 * of one node that records no leases: only this node is listed, from what it knows of itself).
 *
 * @param nodeName           the name it registered under, unique among the nodes of one store
 * @param instanceId         what its claims are recorded under (new at each start and after a lost
 *                           lease), or {@code null} when the store records none
 * @param self               whether it is the broker answering
 * @param live               whether its lease held when read: it may dispatch what it holds. An expired
 *                           node stays listed until a live node takes over its messages
 * @param leaseUntil         when its lease runs out unless renewed
 * @param renewedAt          when it last renewed its lease
 * @param leaseLeftMillis    how long its lease still ran when read; 0 once it has run out
 * @param sinceRenewalMillis how long ago it last renewed its lease
 * @param consumers          its consumers at its last renewal (counted now when the store records no nodes)
 * @param inFlight           messages it holds claimed in the store: taken to deliver, delivered or not yet
 *                           acknowledged (for a store that records no claims: its messages delivered and not
 *                           yet acknowledged)
 */
public record NodeView(String nodeName, String instanceId, boolean self, boolean live, long leaseUntil,
        long renewedAt, long leaseLeftMillis, long sinceRenewalMillis, int consumers, long inFlight) {
}
