package org.cairnmq.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cairnmq.engine.BodyType;
import org.cairnmq.engine.BrokerMessage;
import org.cairnmq.engine.DestinationAddress;
import org.cairnmq.engine.MessageHeaders;
import org.cairnmq.engine.QueuedMessage;

/**
 * Turns messages of any provider into the engine's form on send, and deliveries into Cairn messages. A
 * message of another provider is read through the {@code jakarta.jms} interfaces only. Body encodings:
 * {@link BodyCodec}.
 */
final class MessageCodec {
    private MessageCodec() {
    }

    /**
     * Reads a message whose send headers the producer has already stamped.
     *
     * @param sendingUser the authenticated user sending it, carried as {@code JMSXUserID}; {@code null} for an
     *                    anonymous connection, whose messages carry none
     */
    static BrokerMessage toBroker(Message message, String sendingUser) throws JMSException {
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
        // Only the provider sets it, so that receivers can trust it: an application's own value never travels.
        properties.remove(JmsxProperties.USER_ID);
        if (sendingUser != null) {
            properties.put(JmsxProperties.USER_ID, sendingUser);
        }
        if (message instanceof TextMessage text) {
            String body = text.getText();
            return new BrokerMessage(headers, properties, BodyType.TEXT,
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }
        if (message instanceof BytesMessage bytes) {
            return new BrokerMessage(headers, properties, BodyType.BYTES, emptyAsNull(bytesOf(bytes)));
        }
        if (message instanceof MapMessage map) {
            return new BrokerMessage(headers, properties, BodyType.MAP, BodyCodec.encodeMap(entriesOf(map)));
        }
        if (message instanceof ObjectMessage object) {
            return new BrokerMessage(headers, properties, BodyType.OBJECT, serializedOf(object));
        }
        if (message instanceof StreamMessage stream) {
            return new BrokerMessage(headers, properties, BodyType.STREAM, BodyCodec.encodeStream(valuesOf(stream)));
        }
        return new BrokerMessage(headers, properties, BodyType.NONE, null);
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
            case BodyType.BYTES -> new JmsBytesMessage(m.body());
            case BodyType.MAP -> new JmsMapMessage(BodyCodec.decodeMap(m.body()));
            case BodyType.OBJECT -> new JmsObjectMessage(m.body());
            case BodyType.STREAM -> new JmsStreamMessage(BodyCodec.decodeStream(m.body()));
            case BodyType.NONE -> new JmsMessage();
            default -> throw new MessageFormatException("Unknown body type " + m.bodyType());
        };
        MessageHeaders h = m.headers();
        message.setJMSMessageID(h.messageId());
        message.setJMSTimestamp(h.timestamp());
        message.setJMSCorrelationID(h.correlationId());
        message.setJMSReplyTo(Destinations.destination(DestinationAddress.parse(h.replyTo())));
        message.setJMSDestination(Destinations.destination(delivery.destination()));
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
            // A copy: the application may change the message and send it again.
            return new LinkedHashMap<>(own.properties().asMap());
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        Enumeration<?> names = message.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            // The other provider's own JMSX values (its delivery count, its user) are not ours to carry.
            if (!name.startsWith("JMSX") || JmsxProperties.isSetByApplication(name)) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        return properties;
    }

    private static byte[] bytesOf(BytesMessage message) throws JMSException {
        if (message instanceof JmsBytesMessage own) {
            return own.bodyBytes();
        }
        message.reset();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n = message.readBytes(chunk); n > 0; n = message.readBytes(chunk)) {
            body.write(chunk, 0, n);
        }
        message.reset();
        return body.toByteArray();
    }

    private static Map<String, Object> entriesOf(MapMessage message) throws JMSException {
        if (message instanceof JmsMapMessage own) {
            return own.entries();
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        Enumeration<?> names = message.getMapNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            entries.put(name, checkedBodyValue(message.getObject(name)));
        }
        return entries;
    }

    private static byte[] serializedOf(ObjectMessage message) throws JMSException {
        if (message instanceof JmsObjectMessage own) {
            return own.serializedBody();
        }
        Serializable object = message.getObject();
        return object == null ? null : ObjectSerialization.serialize(object);
    }

    private static List<Object> valuesOf(StreamMessage message) throws JMSException {
        if (message instanceof JmsStreamMessage own) {
            return own.values();
        }
        List<Object> values = new ArrayList<>();
        message.reset();
        try {
            while (true) {
                values.add(checkedBodyValue(message.readObject()));
            }
        } catch (MessageEOFException end) {
            message.reset();
        }
        return values;
    }

    private static Object checkedBodyValue(Object value) throws MessageFormatException {
        if (!ValueConversions.isBodyValue(value)) {
            throw new MessageFormatException("Not a map or stream value: " + value.getClass().getName());
        }
        return value;
    }

    private static byte[] emptyAsNull(byte[] body) {
        return body.length == 0 ? null : body;
    }
}
