package org.cairnmq.engine;

import org.cairnmq.store.StoredHeaders;
import org.cairnmq.store.StoredMessage;

/** Converts between the engine's messages and the store's rows. */
final class StoredForm {
    private StoredForm() {
    }

    static StoredMessage toStored(String destination, long subscriptionId, BrokerMessage m) {
        MessageHeaders h = m.headers();
        StoredHeaders stored = new StoredHeaders(h.messageId(), h.timestamp(), h.correlationId(), h.replyTo(),
                h.type(), h.priority(), h.expiration(), h.deliveryTime());
        return new StoredMessage(0, destination, subscriptionId, stored, 0, PropertyCodec.encode(m.properties()), m.bodyType(), m.body());
    }

    static BrokerMessage fromStored(StoredMessage s) {
        StoredHeaders h = s.headers();
        MessageHeaders headers = new MessageHeaders(h.messageId(), h.timestamp(), h.correlationId(), h.replyTo(),
                h.type(), true, h.priority(), h.expiration(), h.deliveryTime());
        return new BrokerMessage(headers, PropertyCodec.decode(s.properties()), s.bodyType(), s.body());
    }
}
