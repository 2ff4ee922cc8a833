package org.cairnmq.store;

/** A queue, or a durable subscription's queue ({@code subscriptionId != 0}), as the store names it. */
public record StoredQueue(String destination, long subscriptionId) {
}
