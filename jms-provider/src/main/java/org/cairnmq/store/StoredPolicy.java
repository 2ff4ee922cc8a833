package org.cairnmq.store;

import java.util.Objects;

/**
 * A destination's own redelivery, dead-letter and expiry policy as the store keeps it. Policies are keyed
 * by destination name: a queue and a topic of the same name share one, as they do in the broker.
 *
 * @param expiryQueue {@code null} when expired messages are dropped
 */
public record StoredPolicy(String destination, int maxDeliveryAttempts, long redeliveryDelayMillis,
        double backOffMultiplier, long maxRedeliveryDelayMillis, String deadLetterQueue, String expiryQueue) {

    public StoredPolicy {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
    }
}
