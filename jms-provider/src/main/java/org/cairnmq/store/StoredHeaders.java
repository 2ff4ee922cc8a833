package org.cairnmq.store;

/**
 * The message headers the store keeps in columns of their own.
 * Times are epoch milliseconds; {@code 0} means "none" for expiration and delivery time.
 */
public record StoredHeaders(
        String messageId,
        long timestamp,
        String correlationId,
        String replyTo,
        String type,
        int priority,
        long expiration,
        long deliveryTime) {
}
