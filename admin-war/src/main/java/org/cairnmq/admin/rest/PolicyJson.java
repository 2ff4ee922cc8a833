package org.cairnmq.admin.rest;

import java.time.Duration;
import org.cairnmq.destination.DeliveryPolicy;

/**
 * A destination's delivery policy in the API. In a {@code PUT}, a field left out keeps its current value.
 *
 * @param expiryQueue where expired messages go; {@code ""} drops them
 */
public record PolicyJson(Integer maxDeliveryAttempts, Long redeliveryDelayMillis, Double backOffMultiplier,
        Long maxRedeliveryDelayMillis, String deadLetterQueue, String expiryQueue) {

    static PolicyJson of(DeliveryPolicy p) {
        return new PolicyJson(p.maxDeliveryAttempts(), p.redeliveryDelay().toMillis(), p.backOffMultiplier(),
                p.maxRedeliveryDelay().toMillis(), p.deadLetterQueue(), p.expiryQueue() == null ? "" : p.expiryQueue());
    }

    /** This policy over {@code current}: what is given replaces, what is missing stays. */
    DeliveryPolicy over(DeliveryPolicy current) {
        String expiry = expiryQueue == null ? current.expiryQueue() : expiryQueue.isBlank() ? null : expiryQueue;
        return new DeliveryPolicy(
                maxDeliveryAttempts == null ? current.maxDeliveryAttempts() : maxDeliveryAttempts,
                redeliveryDelayMillis == null ? current.redeliveryDelay() : Duration.ofMillis(redeliveryDelayMillis),
                backOffMultiplier == null ? current.backOffMultiplier() : backOffMultiplier,
                maxRedeliveryDelayMillis == null ? current.maxRedeliveryDelay()
                        : Duration.ofMillis(maxRedeliveryDelayMillis),
                deadLetterQueue == null ? current.deadLetterQueue() : deadLetterQueue,
                expiry);
    }
}
