package org.cairnmq.engine;

/**
 * The headers a producer sets or the broker stamps on a message. Times are epoch milliseconds;
 * {@code 0} means "none" for {@code expiration} and {@code deliveryTime}. {@code replyTo} is a
 * destination address as {@link DestinationAddress#toString()} writes it, or {@code null}.
 */
public record MessageHeaders(
        String messageId,
        long timestamp,
        String correlationId,
        String replyTo,
        String type,
        boolean persistent,
        int priority,
        long expiration,
        long deliveryTime) {
}
