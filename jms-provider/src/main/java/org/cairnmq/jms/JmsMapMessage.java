package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message whose body is a set of named values: boxed primitives, Strings and byte arrays, read with the
 * conversions of {@link ValueConversions} (the table of section 3.11.3). Its entries keep the order in
 * which they were first set. The body is always readable; it is read-only once received, until
 * {@link #clearBody()}. A name that is not set reads as a {@code null} value.
 */
public final class JmsMapMessage extends JmsMessage implements MapMessage {
    /** Byte arrays here are owned copies. */
    private final Map<String, Object> entries;

    public JmsMapMessage() {
        entries = new LinkedHashMap<>();
    }

    /** A message with a received body, read-only. */
    JmsMapMessage(Map<String, Object> received) {
        entries = new LinkedHashMap<>(received);
        makeBodyReadOnly();
    }

    /** The entries, for encoding; a read-only view. */
    Map<String, Object> entries() {
        return Collections.unmodifiableMap(entries);
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        entries.clear();
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return ValueConversions.toBoolean(entries.get(name), describe(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return ValueConversions.toByte(entries.get(name), describe(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return ValueConversions.toShort(entries.get(name), describe(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return ValueConversions.toChar(entries.get(name), describe(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return ValueConversions.toInt(entries.get(name), describe(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return ValueConversions.toLong(entries.get(name), describe(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return ValueConversions.toFloat(entries.get(name), describe(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return ValueConversions.toDouble(entries.get(name), describe(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return ValueConversions.toText(entries.get(name), describe(name));
    }

    /** A copy of the byte array, or {@code null}. */
    @Override
    public byte[] getBytes(String name) throws JMSException {
        byte[] bytes = ValueConversions.toBytes(entries.get(name), describe(name));
        return bytes == null ? null : bytes.clone();
    }

    /** The value as its own boxed type, a copy of a byte array, or {@code null}. */
    @Override
    public Object getObject(String name) throws JMSException {
        Object v = entries.get(name);
        return v instanceof byte[] bytes ? bytes.clone() : v;
    }

    @Override
    public Enumeration<String> getMapNames() throws JMSException {
        return Collections.enumeration(new ArrayList<>(entries.keySet()));
    }

    @Override
    public boolean itemExists(String name) throws JMSException {
        return entries.containsKey(name);
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    /** Sets a copy of the array; {@code null} sets a null value. */
    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        if (offset < 0 || length < 0 || offset + length > value.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " for an array of "
                    + value.length);
        }
        put(name, Arrays.copyOfRange(value, offset, offset + length));
    }

    /** Sets a boxed primitive, a String, a byte array (copied) or {@code null}. */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (!ValueConversions.isBodyValue(value)) {
            throw new MessageFormatException("A MapMessage cannot hold a " + value.getClass().getName());
        }
        put(name, value instanceof byte[] bytes ? bytes.clone() : value);
    }

    /**
     * The body as a new {@code Map<String, Object>} (byte arrays copied), for {@code Map.class} or
     * {@code Object.class}; {@code null} when the map is empty.
     */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (entries.isEmpty()) {
            return null;
        }
        if (!c.isAssignableFrom(Map.class)) {
            throw new MessageFormatException("A MapMessage body cannot be read as " + c.getName());
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(k, v instanceof byte[] bytes ? bytes.clone() : v));
        return c.cast(copy);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return entries.isEmpty() || c.isAssignableFrom(Map.class);
    }

    private void put(String name, Object value) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A map entry needs a name");
        }
        checkBodyWritable();
        entries.put(name, value);
    }

    private static String describe(String name) {
        return "map entry " + name;
    }
}
