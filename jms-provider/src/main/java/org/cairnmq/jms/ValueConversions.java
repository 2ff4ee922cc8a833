package org.cairnmq.jms;

import jakarta.jms.MessageFormatException;

/**
 * The conversion table that message properties (section 3.5.4), {@code MapMessage} and
 * {@code StreamMessage} share: a value reads as its own type, as a wider type of its kind, or as a
 * {@code String}; a {@code String} reads as any primitive type it parses to (a bad one throws
 * {@code NumberFormatException}); a {@code null} reads as the type's {@code valueOf((String) null)} would
 * ({@code false}, {@code NumberFormatException}, or {@code NullPointerException} for {@code char},
 * {@code float} and {@code double}). A {@code byte[]} reads only as {@code byte[]}. Any other pair throws
 * {@code MessageFormatException}.
 *
 * <p>{@code what} names the value in the exception, e.g. {@code "property lines"}.
 */
final class ValueConversions {
    private ValueConversions() {
    }

    static boolean toBoolean(Object v, String what) throws MessageFormatException {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Boolean.parseBoolean((String) v);
        }
        throw cannotConvert(what, v, "boolean");
    }

    static byte toByte(Object v, String what) throws MessageFormatException {
        if (v instanceof Byte b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Byte.parseByte((String) v);
        }
        throw cannotConvert(what, v, "byte");
    }

    static short toShort(Object v, String what) throws MessageFormatException {
        if (v instanceof Short || v instanceof Byte) {
            return ((Number) v).shortValue();
        }
        if (v == null || v instanceof String) {
            return Short.parseShort((String) v);
        }
        throw cannotConvert(what, v, "short");
    }

    static char toChar(Object v, String what) throws MessageFormatException {
        if (v instanceof Character c) {
            return c;
        }
        if (v == null) {
            throw new NullPointerException(what + " is null and cannot be read as char");
        }
        throw cannotConvert(what, v, "char");
    }

    static int toInt(Object v, String what) throws MessageFormatException {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v == null || v instanceof String) {
            return Integer.parseInt((String) v);
        }
        throw cannotConvert(what, v, "int");
    }

    static long toLong(Object v, String what) throws MessageFormatException {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v == null || v instanceof String) {
            return Long.parseLong((String) v);
        }
        throw cannotConvert(what, v, "long");
    }

    static float toFloat(Object v, String what) throws MessageFormatException {
        if (v instanceof Float f) {
            return f;
        }
        if (v == null) {
            throw new NullPointerException(what + " is null and cannot be read as float");
        }
        if (v instanceof String s) {
            return Float.parseFloat(s);
        }
        throw cannotConvert(what, v, "float");
    }

    static double toDouble(Object v, String what) throws MessageFormatException {
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v == null) {
            throw new NullPointerException(what + " is null and cannot be read as double");
        }
        if (v instanceof String s) {
            return Double.parseDouble(s);
        }
        throw cannotConvert(what, v, "double");
    }

    static String toText(Object v, String what) throws MessageFormatException {
        if (v instanceof byte[]) {
            throw cannotConvert(what, v, "String");
        }
        return v == null ? null : v.toString();
    }

    static byte[] toBytes(Object v, String what) throws MessageFormatException {
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        throw cannotConvert(what, v, "byte[]");
    }

    /** Whether a value is of a type maps and streams hold: the boxed primitives, String or byte[]. */
    static boolean isBodyValue(Object v) {
        return v == null || v instanceof Boolean || v instanceof Byte || v instanceof Short
                || v instanceof Character || v instanceof Integer || v instanceof Long || v instanceof Float
                || v instanceof Double || v instanceof String || v instanceof byte[];
    }

    static MessageFormatException cannotConvert(String what, Object value, String type) {
        String held = value instanceof byte[] ? "byte[]" : value.getClass().getSimpleName();
        return new MessageFormatException(capitalized(what) + " holds a " + held + ", which cannot be read as "
                + type);
    }

    private static String capitalized(String what) {
        return what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
