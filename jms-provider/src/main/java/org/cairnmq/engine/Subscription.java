package org.cairnmq.engine;

import org.cairnmq.selector.Selector;

/**
 * A topic subscription: which published messages it takes, and the queue that holds them until its
 * consumers acknowledge them. Non-durable subscriptions live as long as their consumers; durable ones
 * are kept in the store.
 */
final class Subscription {
    final SubscriptionKey key;
    final String topic;
    final Selector selector;
    final boolean noLocal;
    final boolean shared;
    final QueueDestination queue;
    private final String ownerConnectionId;
    private final String ownerClientId;
    private int consumers;

    Subscription(SubscriptionKey key, String topic, Selector selector, boolean noLocal, boolean shared,
            QueueDestination queue, String ownerConnectionId, String ownerClientId) {
        this.key = key;
        this.topic = topic;
        this.selector = selector;
        this.noLocal = noLocal;
        this.shared = shared;
        this.queue = queue;
        this.ownerConnectionId = ownerConnectionId;
        this.ownerClientId = ownerClientId;
    }

    boolean durable() {
        return key != null && key.durable();
    }

    /** Whether a message published to the topic belongs in this subscription. */
    boolean accepts(OutgoingMessage message) {
        if (noLocal && isLocal(message)) {
            return false;
        }
        return selector.matches(new MessageSelectorFields(message.message(), 1));
    }

    // Durable subscriptions outlive connections, so "local" means "from the same client ID" for them.
    private boolean isLocal(OutgoingMessage message) {
        if (ownerClientId != null) {
            return ownerClientId.equals(message.originClientId());
        }
        return ownerConnectionId != null && ownerConnectionId.equals(message.originConnectionId());
    }

    /** Called under the broker's subscription lock. */
    int addConsumer() {
        return ++consumers;
    }

    /** Called under the broker's subscription lock. */
    int removeConsumer() {
        return --consumers;
    }

    /** Called under the broker's subscription lock. */
    int consumers() {
        return consumers;
    }
}
