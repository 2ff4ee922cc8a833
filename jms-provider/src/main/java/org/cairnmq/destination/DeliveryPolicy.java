package org.cairnmq.destination;

import java.time.Duration;

/**
 * How a destination treats messages that keep failing or expire: how often a message is delivered before
 * it goes to the dead-letter queue, how long each redelivery waits (growing by the back-off multiplier up
 * to a cap, so that a poison message cannot spin a consumer in a tight loop), and where expired messages
 * go ({@code expiryQueue} {@code null}: they are dropped).
 */
public record DeliveryPolicy(int maxDeliveryAttempts, Duration redeliveryDelay, double backOffMultiplier,
        Duration maxRedeliveryDelay, String deadLetterQueue, String expiryQueue) {

    /** The longest wait a policy may set: anything longer is a mistake in units, not a plan. Declared
     * before {@link #DEFAULT}, which the constructor checks against it. */
    public static final Duration MAX_DELAY = Duration.ofDays(365);

    /** Ten attempts; waits of 100 ms, 200 ms, 400 ms … up to 30 s; then {@code DLQ}; expired to {@code ExpiryQueue}. */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(10, Duration.ofMillis(100), 2.0,
            Duration.ofSeconds(30), "DLQ", "ExpiryQueue");

    /**
     * @throws IllegalArgumentException when a value cannot work: fewer than 1 attempt, a delay that is
     *                                  negative or longer than {@link #MAX_DELAY}, a back-off multiplier below
     *                                  1 or not finite, a queue name the store cannot keep
     *                                  ({@link DestinationNames}) or no dead-letter queue
     */
    public DeliveryPolicy {
        if (maxDeliveryAttempts < 1) {
            throw new IllegalArgumentException("maxDeliveryAttempts must be at least 1: " + maxDeliveryAttempts);
        }
        checkDelay("redeliveryDelay", redeliveryDelay);
        checkDelay("maxRedeliveryDelay", maxRedeliveryDelay);
        if (!Double.isFinite(backOffMultiplier) || backOffMultiplier < 1.0) {
            throw new IllegalArgumentException("backOffMultiplier must be a finite number of at least 1: "
                    + backOffMultiplier);
        }
        if (deadLetterQueue == null) {
            throw new IllegalArgumentException("A dead-letter queue is required");
        }
        DestinationNames.require("The dead-letter queue's name", deadLetterQueue);
        if (expiryQueue != null) {
            DestinationNames.require("The expiry queue's name (null drops expired messages)", expiryQueue);
        }
    }

    private static void checkDelay(String name, Duration delay) {
        if (delay == null || delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and " + MAX_DELAY.toDays() + " days: "
                    + delay);
        }
    }

    /** The wait before the given delivery attempt (2 for the first redelivery), in milliseconds. */
    public long delayBeforeAttempt(int attempt) {
        if (attempt < 2 || redeliveryDelay.isZero()) {
            return 0;
        }
        double delay = redeliveryDelay.toMillis() * Math.pow(backOffMultiplier, attempt - 2);
        return (long) Math.min(delay, maxRedeliveryDelay.toMillis());
    }
}
