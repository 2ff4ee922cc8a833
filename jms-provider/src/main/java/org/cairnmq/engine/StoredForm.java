package org.cairnmq.engine;

import org.cairnmq.store.StoredHeaders;
import org.cairnmq.store.StoredMessage;

/**
 * Converts between the engine's messages and the store's rows. The store keeps persistent messages, and
 * non-persistent ones only on their way to another node ({@link TopicRelays}): their delivery mode is
 * kept in a property of the provider's name space, taken off again when the row is read.
 */
final class StoredForm {
    /** Set, true, on the stored form of a non-persistent message. */
    static final String NON_PERSISTENT = "JMS_Cairn_NonPersistent";

    private StoredForm() {
    }

    static StoredMessage toStored(String destination, long subscriptionId, BrokerMessage m) {
        MessageHeaders h = m.headers();
        StoredHeaders stored = new StoredHeaders(h.messageId(), h.timestamp(), h.correlationId(), h.replyTo(),
                h.type(), h.priority(), h.expiration(), h.deliveryTime());
        java.util.Map<String, Object> properties = m.properties();
        if (!h.persistent()) {
            properties = new java.util.LinkedHashMap<>(properties);
            properties.put(NON_PERSISTENT, Boolean.TRUE);
        }
        return new StoredMessage(0, destination, subscriptionId, stored, 0, PropertyCodec.encode(properties),
                m.bodyType(), m.body());
    }

    static BrokerMessage fromStored(StoredMessage s) {
        StoredHeaders h = s.headers();
        java.util.Map<String, Object> properties = PropertyCodec.decode(s.properties());
        boolean persistent = properties.remove(NON_PERSISTENT) == null;
        MessageHeaders headers = new MessageHeaders(h.messageId(), h.timestamp(), h.correlationId(), h.replyTo(),
                h.type(), persistent, h.priority(), h.expiration(), h.deliveryTime());
        return new BrokerMessage(headers, properties, s.bodyType(), s.body());
    }
}
