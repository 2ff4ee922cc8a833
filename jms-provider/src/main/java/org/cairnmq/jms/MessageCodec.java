package org.cairnmq.jms;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cairnmq.engine.BodyType;
import org.cairnmq.engine.BrokerMessage;
import org.cairnmq.engine.DestinationAddress;
import org.cairnmq.engine.MessageHeaders;
import org.cairnmq.engine.QueuedMessage;

/** Turns messages of any provider into the engine's form on send, and deliveries into Cairn messages. */
final class MessageCodec {
    private MessageCodec() {
    }

    /** Reads a message whose send headers the producer has already stamped. */
    static BrokerMessage toBroker(Message message) throws JMSException {
        DestinationAddress replyTo = message.getJMSReplyTo() == null ? null
                : Destinations.address(message.getJMSReplyTo());
        MessageHeaders headers = new MessageHeaders(
                message.getJMSMessageID(),
                message.getJMSTimestamp(),
                message.getJMSCorrelationID(),
                replyTo == null ? null : replyTo.toString(),
                message.getJMSType(),
                message.getJMSDeliveryMode() == DeliveryMode.PERSISTENT,
                message.getJMSPriority(),
                message.getJMSExpiration(),
                message.getJMSDeliveryTime());
        Map<String, Object> properties = propertiesOf(message);
        if (message instanceof TextMessage text) {
            String body = text.getText();
            return new BrokerMessage(headers, properties, BodyType.TEXT,
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }
        if (message.getClass() == JmsMessage.class || isPlainForeignMessage(message)) {
            return new BrokerMessage(headers, properties, BodyType.NONE, null);
        }
        throw JmsExceptions.unsupported("Message type " + message.getClass().getName());
    }

    /** Builds the message a consumer receives; its body and properties are read-only. */
    static JmsMessage fromDelivery(QueuedMessage delivery, JmsMessage.Acknowledger acknowledger) throws JMSException {
        BrokerMessage m = delivery.message();
        JmsMessage message = switch (m.bodyType()) {
            case BodyType.TEXT -> {
                JmsTextMessage text = new JmsTextMessage();
                text.setText(m.body() == null ? null : new String(m.body(), StandardCharsets.UTF_8));
                yield text;
            }
            case BodyType.NONE -> new JmsMessage();
            default -> throw JmsExceptions.unsupported("Body type " + m.bodyType());
        };
        MessageHeaders h = m.headers();
        message.setJMSMessageID(h.messageId());
        message.setJMSTimestamp(h.timestamp());
        message.setJMSCorrelationID(h.correlationId());
        message.setJMSReplyTo(Destinations.destination(DestinationAddress.parse(h.replyTo())));
        message.setJMSDestination(new JmsQueue(delivery.queueName()));
        message.setJMSType(h.type());
        message.setJMSDeliveryMode(h.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(h.priority());
        message.setJMSExpiration(h.expiration());
        message.setJMSDeliveryTime(h.deliveryTime());
        message.properties().putAll(m.properties());
        message.markReceived(delivery.deliveryCount(), acknowledger);
        return message;
    }

    private static Map<String, Object> propertiesOf(Message message) throws JMSException {
        if (message instanceof JmsMessage own) {
            return own.properties().asMap();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        Enumeration<?> names = message.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMSX")) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        return properties;
    }

    private static boolean isPlainForeignMessage(Message message) {
        return !(message instanceof jakarta.jms.BytesMessage || message instanceof jakarta.jms.MapMessage
                || message instanceof jakarta.jms.ObjectMessage || message instanceof jakarta.jms.StreamMessage);
    }
}
