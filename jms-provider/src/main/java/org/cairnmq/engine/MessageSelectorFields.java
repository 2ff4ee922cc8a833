package org.cairnmq.engine;

import org.cairnmq.selector.SelectorFields;

/** What a selector sees of a message: the headers it may name, and the properties. */
final class MessageSelectorFields implements SelectorFields {
    private final BrokerMessage message;
    private final int deliveryCount;

    MessageSelectorFields(BrokerMessage message, int deliveryCount) {
        this.message = message;
        this.deliveryCount = deliveryCount;
    }

    @Override
    public Object value(String identifier) {
        MessageHeaders h = message.headers();
        return switch (identifier) {
            case JMS_DELIVERY_MODE -> SelectorFields.deliveryMode(h.persistent());
            case JMS_PRIORITY -> h.priority();
            case JMS_MESSAGE_ID -> h.messageId();
            case JMS_TIMESTAMP -> h.timestamp();
            case JMS_CORRELATION_ID -> h.correlationId();
            case JMS_TYPE -> h.type();
            case "JMSXDeliveryCount" -> deliveryCount;
            default -> message.properties().get(identifier);
        };
    }
}
