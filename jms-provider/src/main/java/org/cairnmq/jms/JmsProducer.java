package org.cairnmq.jms;

import static org.cairnmq.jms.JmsExceptions.unchecked;
import static org.cairnmq.jms.JmsExceptions.uncheckedRun;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.cairnmq.jms.ContextCallbacks.Kind;

/**
 * The simplified API's producer: a set of send options, properties and headers that every send applies to
 * its message, sent through its {@link JmsContext}'s session. Properties follow the conversion table of
 * message properties ({@link MessageProperties}). Cheap to create; like its context, for one thread at a
 * time.
 */
public final class JmsProducer implements JMSProducer {
    private final JmsContext context;
    private final MessageProperties properties = new MessageProperties();
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private CompletionListener completionListener;
    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private Destination replyTo;

    JmsProducer(JmsContext context) {
        this.context = context;
    }

    /** Sends the message with this producer's options, after setting its properties and headers on it. */
    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) {
            throw new MessageFormatRuntimeException("Cannot send a null message");
        }
        uncheckedRun(() -> {
            applyTo(message);
            JmsMessageProducer producer = context.producer();
            producer.setDeliveryDelay(deliveryDelay);
            producer.setDisableMessageID(disableMessageId);
            producer.setDisableMessageTimestamp(disableTimestamp);
            if (completionListener == null) {
                producer.send(destination, message, deliveryMode, priority, timeToLive);
            } else {
                producer.send(destination, message, deliveryMode, priority, timeToLive,
                        marked(completionListener));
            }
        });
        return this;
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        return send(destination, context.createTextMessage(body));
    }

    /** Sends a MapMessage of the entries; a {@code null} map sends an empty one. */
    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage message = context.createMapMessage();
        if (body != null) {
            uncheckedRun(() -> {
                for (Map.Entry<String, Object> e : body.entrySet()) {
                    message.setObject(e.getKey(), e.getValue());
                }
            });
        }
        return send(destination, message);
    }

    /** Sends a BytesMessage of the bytes; {@code null} sends an empty one. */
    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage message = context.createBytesMessage();
        if (body != null) {
            uncheckedRun(() -> message.writeBytes(body));
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        return send(destination, context.createObjectMessage(body));
    }

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        disableMessageId = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return disableMessageId;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        disableTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return disableTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSRuntimeException("Not a delivery mode: " + deliveryMode);
        }
        this.deliveryMode = deliveryMode;
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public JMSProducer setPriority(int priority) {
        if (priority < 0 || priority > 9) {
            throw new JMSRuntimeException("Priority must be 0 to 9: " + priority);
        }
        this.priority = priority;
        return this;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        this.timeToLive = timeToLive;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        this.deliveryDelay = deliveryDelay;
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return deliveryDelay;
    }

    /** Makes sends asynchronous, reporting to the listener; {@code null} makes them synchronous again. */
    @Override
    public JMSProducer setAsync(CompletionListener completionListener) {
        if (completionListener != null && !context.allowsCallbacks()) {
            throw new IllegalStateRuntimeException("An asynchronous send is not allowed on a pooled session: "
                    + "it could finish after the transaction it belongs to (Jakarta Messaging 3.1, section 12.2)");
        }
        this.completionListener = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return completionListener;
    }

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        return property(name, value);
    }

    @Override
    public JMSProducer clearProperties() {
        properties.clear();
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.contains(name);
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return unchecked(() -> properties.getBoolean(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return unchecked(() -> properties.getByte(name));
    }

    @Override
    public short getShortProperty(String name) {
        return unchecked(() -> properties.getShort(name));
    }

    @Override
    public int getIntProperty(String name) {
        return unchecked(() -> properties.getInt(name));
    }

    @Override
    public long getLongProperty(String name) {
        return unchecked(() -> properties.getLong(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return unchecked(() -> properties.getFloat(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return unchecked(() -> properties.getDouble(name));
    }

    @Override
    public String getStringProperty(String name) {
        return properties.getString(name);
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(properties.asMap().keySet()));
    }

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        correlationIdBytes = correlationID == null ? null : correlationID.clone();
        correlationId = null;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        correlationId = correlationID;
        correlationIdBytes = null;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        if (correlationIdBytes != null) {
            return new String(correlationIdBytes, StandardCharsets.ISO_8859_1);
        }
        return correlationId;
    }

    @Override
    public JMSProducer setJMSType(String type) {
        this.type = type;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    private JMSProducer property(String name, Object value) {
        uncheckedRun(() -> properties.set(name, value));
        return this;
    }

    private void applyTo(Message message) throws JMSException {
        for (Map.Entry<String, Object> e : properties.asMap().entrySet()) {
            message.setObjectProperty(e.getKey(), e.getValue());
        }
        if (correlationIdBytes != null) {
            message.setJMSCorrelationIDAsBytes(correlationIdBytes);
        } else if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }
        if (type != null) {
            message.setJMSType(type);
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
    }

    /** The listener, run marked so that its context refuses close, commit and rollback from it. */
    private CompletionListener marked(CompletionListener listener) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                ContextCallbacks.run(context, Kind.COMPLETION_LISTENER, () -> listener.onCompletion(message));
            }

            @Override
            public void onException(Message message, Exception exception) {
                ContextCallbacks.run(context, Kind.COMPLETION_LISTENER,
                        () -> listener.onException(message, exception));
            }
        };
    }
}
