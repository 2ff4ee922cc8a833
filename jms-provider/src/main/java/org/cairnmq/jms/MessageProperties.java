package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message's (or a {@code JMSProducer}'s) application properties, with the type conversions of the
 * Jakarta Messaging property table (section 3.5.4, see {@link ValueConversions}): a value is readable as a
 * wider type of its kind, and every type as String; a String is readable as any type it parses to.
 */
final class MessageProperties {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;

    Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    void putAll(Map<String, Object> stored) {
        values.putAll(stored);
    }

    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    void clear() {
        values.clear();
        readOnly = false;
    }

    boolean contains(String name) {
        return values.containsKey(name);
    }

    Enumeration<String> names() {
        return Collections.enumeration(values.keySet());
    }

    void set(String name, Object value) throws JMSException {
        if (readOnly) {
            throw new MessageNotWriteableException("Message properties are read-only");
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A property needs a name");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))
                || !name.chars().skip(1).allMatch(Character::isJavaIdentifierPart)) {
            throw new IllegalArgumentException("Not a valid property name: " + name);
        }
        if (!(value == null || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof String)) {
            throw new MessageFormatException("Property type not allowed: " + value.getClass().getName());
        }
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
    }

    Object get(String name) {
        return values.get(name);
    }

    boolean getBoolean(String name) throws JMSException {
        return ValueConversions.toBoolean(values.get(name), describe(name));
    }

    byte getByte(String name) throws JMSException {
        return ValueConversions.toByte(values.get(name), describe(name));
    }

    short getShort(String name) throws JMSException {
        return ValueConversions.toShort(values.get(name), describe(name));
    }

    int getInt(String name) throws JMSException {
        return ValueConversions.toInt(values.get(name), describe(name));
    }

    long getLong(String name) throws JMSException {
        return ValueConversions.toLong(values.get(name), describe(name));
    }

    float getFloat(String name) throws JMSException {
        return ValueConversions.toFloat(values.get(name), describe(name));
    }

    double getDouble(String name) throws JMSException {
        return ValueConversions.toDouble(values.get(name), describe(name));
    }

    String getString(String name) {
        Object v = values.get(name);
        return v == null ? null : v.toString();
    }

    private static String describe(String name) {
        return "property " + name;
    }
}
