package org.cairnmq.engine;

import java.util.Map;

/**
 * The estimated memory one message copy takes while the broker holds it: body, properties and headers,
 * plus a fixed overhead for the objects around them. An estimate, cheap to compute, not a measurement.
 */
final class MessageSize {
    /** Objects around each copy: the message, its headers, the queued copy, its place in the ready list. */
    static final long OVERHEAD = 256;
    private static final long PER_PROPERTY = 48;
    private static final long PER_VALUE = 16;

    private MessageSize() {
    }

    static long of(BrokerMessage message) {
        long size = OVERHEAD + (message.body() == null ? 0 : message.body().length);
        MessageHeaders h = message.headers();
        size += chars(h.messageId()) + chars(h.correlationId()) + chars(h.replyTo()) + chars(h.type());
        for (Map.Entry<String, Object> property : message.properties().entrySet()) {
            size += PER_PROPERTY + chars(property.getKey());
            size += property.getValue() instanceof String text ? chars(text) : PER_VALUE;
        }
        return size;
    }

    private static long chars(String text) {
        return text == null ? 0 : 2L * text.length();
    }
}
