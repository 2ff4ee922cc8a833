package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message's application properties, with the type conversions of the Jakarta Messaging property table
 * (section 3.5.4): a value is readable as a wider type of its kind, and every type as String; a String is
 * readable as any type it parses to.
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
        Object v = values.get(name);
        if (v == null || v instanceof String) {
            return Boolean.parseBoolean((String) v);
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw cannotConvert(name, v, "boolean");
    }

    byte getByte(String name) throws JMSException {
        Object v = values.get(name);
        if (v instanceof Byte b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Byte.parseByte((String) v);
        }
        throw cannotConvert(name, v, "byte");
    }

    short getShort(String name) throws JMSException {
        Object v = values.get(name);
        if (v instanceof Short || v instanceof Byte) {
            return ((Number) v).shortValue();
        }
        if (v == null || v instanceof String) {
            return Short.parseShort((String) v);
        }
        throw cannotConvert(name, v, "short");
    }

    int getInt(String name) throws JMSException {
        Object v = values.get(name);
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v == null || v instanceof String) {
            return Integer.parseInt((String) v);
        }
        throw cannotConvert(name, v, "int");
    }

    long getLong(String name) throws JMSException {
        Object v = values.get(name);
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v == null || v instanceof String) {
            return Long.parseLong((String) v);
        }
        throw cannotConvert(name, v, "long");
    }

    float getFloat(String name) throws JMSException {
        Object v = values.get(name);
        if (v instanceof Float f) {
            return f;
        }
        if (v == null) {
            throw new NullPointerException("No property " + name);
        }
        if (v instanceof String s) {
            return Float.parseFloat(s);
        }
        throw cannotConvert(name, v, "float");
    }

    double getDouble(String name) throws JMSException {
        Object v = values.get(name);
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v == null) {
            throw new NullPointerException("No property " + name);
        }
        if (v instanceof String s) {
            return Double.parseDouble(s);
        }
        throw cannotConvert(name, v, "double");
    }

    String getString(String name) {
        Object v = values.get(name);
        return v == null ? null : v.toString();
    }

    private static MessageFormatException cannotConvert(String name, Object value, String type) {
        return new MessageFormatException("Property " + name + " holds a " + value.getClass().getSimpleName()
                + ", which cannot be read as " + type);
    }
}
