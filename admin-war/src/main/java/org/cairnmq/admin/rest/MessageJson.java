package org.cairnmq.admin.rest;

import java.util.Map;
import org.cairnmq.management.MessageView;

/**
 * A message in the API: its handle (what operations name it by), state, headers, properties and
 * body. In lists the body is left out ({@code body} {@code null}) and {@code preview} has the first 200
 * characters of a text body.
 *
 * @param deliveryCount failed delivery attempts so far
 */
public record MessageJson(String handle, String state, String messageId, long timestamp, String correlationId,
        String replyTo, String type, boolean persistent, int priority, long expiration, long deliveryTime,
        int deliveryCount, Map<String, Object> properties, String bodyType, int bodySize, String preview,
        MessageBody body) {

    static MessageJson summary(MessageView m) {
        return of(m, MessageBody.preview(m), null);
    }

    static MessageJson full(MessageView m) {
        return of(m, null, MessageBody.of(m));
    }

    private static MessageJson of(MessageView m, String preview, MessageBody body) {
        return new MessageJson(m.handle(), m.state(), m.messageId(), m.timestamp(), m.correlationId(), m.replyTo(),
                m.type(), m.persistent(), m.priority(), m.expiration(), m.deliveryTime(), m.deliveryCount(),
                m.properties(), m.bodyType(), m.body() == null ? 0 : m.body().length, preview, body);
    }
}
