package org.cairnmq.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Encodes application properties for the store: a count, then name, type tag and value for each. */
final class PropertyCodec {
    private static final byte BOOLEAN = 1;
    private static final byte BYTE = 2;
    private static final byte SHORT = 3;
    private static final byte INT = 4;
    private static final byte LONG = 5;
    private static final byte FLOAT = 6;
    private static final byte DOUBLE = 7;
    private static final byte STRING = 8;

    private PropertyCodec() {
    }

    static byte[] encode(Map<String, Object> properties) {
        if (properties.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(properties.size());
            for (Map.Entry<String, Object> e : properties.entrySet()) {
                out.writeUTF(e.getKey());
                writeValue(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, Object> decode(byte[] encoded) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (encoded == null) {
            return properties;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                properties.put(in.readUTF(), readValue(in));
            }
        } catch (IOException e) {
            throw new BrokerException(BrokerException.Kind.MESSAGE_FORMAT, "Unreadable stored properties", e);
        }
        return properties;
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value instanceof Boolean v) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(v);
        } else if (value instanceof Byte v) {
            out.writeByte(BYTE);
            out.writeByte(v);
        } else if (value instanceof Short v) {
            out.writeByte(SHORT);
            out.writeShort(v);
        } else if (value instanceof Integer v) {
            out.writeByte(INT);
            out.writeInt(v);
        } else if (value instanceof Long v) {
            out.writeByte(LONG);
            out.writeLong(v);
        } else if (value instanceof Float v) {
            out.writeByte(FLOAT);
            out.writeFloat(v);
        } else if (value instanceof Double v) {
            out.writeByte(DOUBLE);
            out.writeDouble(v);
        } else if (value instanceof String v) {
            out.writeByte(STRING);
            byte[] utf8 = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else {
            throw new BrokerException(BrokerException.Kind.MESSAGE_FORMAT,
                    "Property type not allowed: " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case BOOLEAN -> in.readBoolean();
            case BYTE -> in.readByte();
            case SHORT -> in.readShort();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case STRING -> {
                byte[] utf8 = new byte[in.readInt()];
                in.readFully(utf8);
                yield new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
            }
            default -> throw new IOException("Unknown property tag " + tag);
        };
    }
}
