package org.cairnmq.engine;

/** Properties a message carries once moved to a dead-letter or expiry queue. */
public final class DeadLetterProperties {
    /** Where the message was first sent, as {@code queue:<name>} or {@code topic:<name>}. */
    public static final String ORIGINAL_DESTINATION = "CairnOriginalDestination";
    /** Why it was moved: too many delivery attempts, or expired. */
    public static final String REASON = "CairnDeadLetterReason";
    /** How many times it had been delivered. */
    public static final String DELIVERY_ATTEMPTS = "CairnDeliveryAttempts";

    private DeadLetterProperties() {
    }
}
