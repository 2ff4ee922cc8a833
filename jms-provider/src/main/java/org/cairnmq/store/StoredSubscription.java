package org.cairnmq.store;

/**
 * A durable topic subscription. {@code id} is assigned by the store ({@code 0} before). Unshared
 * subscriptions are identified by client ID and name, shared ones by name (and client ID, if set).
 *
 * @param selector the subscription's message selector text, or {@code null}
 */
public record StoredSubscription(long id, String topic, String name, String clientId, String selector,
        boolean noLocal, boolean shared) {

    public StoredSubscription withId(long newId) {
        return new StoredSubscription(newId, topic, name, clientId, selector, noLocal, shared);
    }
}
