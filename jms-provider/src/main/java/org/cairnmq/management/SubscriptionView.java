package org.cairnmq.management;

/**
 * A named topic subscription.
 *
 * @param clientId  the client ID it belongs to, or {@code null} for a shared subscription without one
 * @param selector  its message selector, or {@code null}
 * @param depth     messages waiting for it
 * @param consumers consumers attached now
 */
public record SubscriptionView(String topic, String name, String clientId, String selector, boolean durable,
        boolean shared, boolean noLocal, long depth, int consumers) {
}
