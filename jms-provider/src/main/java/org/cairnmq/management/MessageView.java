package org.cairnmq.management;

import java.util.Map;

/**
 * A message as the console shows it.
 *
 * @param handle        names the message within its queue for the operations of {@link BrokerManagement}
 * @param state         {@code READY} (waiting in memory), {@code STORED} (waiting in the store only),
 *                      {@code DELIVERING} (held by a consumer, scheduled, or by another broker instance)
 * @param bodyType      {@code TEXT}, {@code BYTES}, {@code MAP}, {@code STREAM}, {@code OBJECT} or {@code NONE}
 * @param text          the body of a text message, else {@code null}
 * @param body          the body as the store keeps it (for a text message, its UTF-8 bytes)
 */
public record MessageView(
        String handle,
        String state,
        String messageId,
        long timestamp,
        String correlationId,
        String replyTo,
        String type,
        boolean persistent,
        int priority,
        long expiration,
        long deliveryTime,
        int deliveryCount,
        Map<String, Object> properties,
        String bodyType,
        String text,
        byte[] body) {
}
