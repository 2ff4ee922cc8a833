package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import java.io.Serializable;

/**
 * A message whose body is one serializable object. {@link #setObject} serializes at once, so later
 * changes to the object do not reach the message; {@link #getObject} deserializes a new copy each time,
 * allowing only the classes of {@link ObjectMessageAllowList}.
 */
public final class JmsObjectMessage extends JmsMessage implements ObjectMessage {
    /** The object in Java serialization, or {@code null} for none. */
    private byte[] serialized;

    public JmsObjectMessage() {
    }

    /** A message with a received body, read-only. */
    JmsObjectMessage(byte[] received) {
        serialized = received;
        makeBodyReadOnly();
    }

    /** The body as serialized, for encoding; not a copy. */
    byte[] serializedBody() {
        return serialized;
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = object == null ? null : ObjectSerialization.serialize(object);
    }

    /**
     * @throws MessageFormatException if the object cannot be deserialized, for instance because its class
     *                                is not allowed
     */
    @Override
    public Serializable getObject() throws JMSException {
        return (Serializable) ObjectSerialization.deserialize(serialized);
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        serialized = null;
    }

    /** The object, deserialized anew, if it is an instance of {@code c}; {@code null} when there is none. */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Object object = ObjectSerialization.deserialize(serialized);
        if (object == null) {
            return null;
        }
        if (!c.isInstance(object)) {
            throw new MessageFormatException("An ObjectMessage body of class " + object.getClass().getName()
                    + " cannot be read as " + c.getName());
        }
        return c.cast(object);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        if (serialized == null) {
            return true;
        }
        try {
            return c.isInstance(ObjectSerialization.deserialize(serialized));
        } catch (MessageFormatException e) {
            return false;
        }
    }
}
