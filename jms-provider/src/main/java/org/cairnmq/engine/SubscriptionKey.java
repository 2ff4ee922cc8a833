package org.cairnmq.engine;

/**
 * Identifies a named topic subscription: durable ones and shared non-durable ones live in separate name
 * spaces; the client ID is part of the key (it may be {@code null} for shared subscriptions).
 */
record SubscriptionKey(boolean durable, String clientId, String name) {
}
