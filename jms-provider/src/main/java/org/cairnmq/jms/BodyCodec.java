package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes the bodies of map and stream messages for the engine and the store, and decodes them back.
 * The bytes are persisted: never change the meaning of a tag or of version 1, add new ones instead.
 *
 * <p>The other body types need no help: TEXT is the string in UTF-8, BYTES the bytes as written, OBJECT
 * the object in Java serialization ({@link ObjectSerialization}). An empty map, stream or byte array is
 * sent as no body ({@code null}) and comes back empty.
 *
 * <p>The format, big-endian, as {@link DataOutputStream} writes:
 *
 * <pre>
 * map    := version:u8 (= 1)  count:i32  (name:string value){count}
 * stream := version:u8 (= 1)  value*                       (to the end of the body)
 * string := length:i32  UTF-8 bytes
 * value  := tag:u8 payload, where the tag is
 *   0 null     (no payload)             6 long    i64
 *   1 boolean  u8, 0 or 1               7 float   i32, IEEE 754 bits
 *   2 byte     i8                       8 double  i64, IEEE 754 bits
 *   3 short    i16                      9 String  string
 *   4 char     u16 (UTF-16 unit)       10 byte[]  length:i32  bytes
 *   5 int      i32
 * </pre>
 */
final class BodyCodec {
    private static final int VERSION = 1;
    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int BYTE = 2;
    private static final int SHORT = 3;
    private static final int CHAR = 4;
    private static final int INT = 5;
    private static final int LONG = 6;
    private static final int FLOAT = 7;
    private static final int DOUBLE = 8;
    private static final int STRING = 9;
    private static final int BYTES = 10;

    private BodyCodec() {
    }

    /** @param entries values of the types {@link ValueConversions#isBodyValue} accepts */
    static byte[] encodeMap(Map<String, Object> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(entries.size());
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                writeString(out, e.getKey());
                writeValue(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, Object> decodeMap(byte[] body) throws JMSException {
        Map<String, Object> entries = new LinkedHashMap<>();
        if (body == null) {
            return entries;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            checkVersion(in.readUnsignedByte(), "map");
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                entries.put(readString(in), readValue(in));
            }
        } catch (IOException e) {
            throw unreadable("map", e);
        }
        return entries;
    }

    /** @param values values of the types {@link ValueConversions#isBodyValue} accepts */
    static byte[] encodeStream(List<Object> values) {
        if (values.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            for (Object value : values) {
                writeValue(out, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<Object> decodeStream(byte[] body) throws JMSException {
        List<Object> values = new ArrayList<>();
        if (body == null) {
            return values;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            checkVersion(in.readUnsignedByte(), "stream");
            while (in.available() > 0) {
                values.add(readValue(in));
            }
        } catch (IOException e) {
            throw unreadable("stream", e);
        }
        return values;
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean v) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(v);
        } else if (value instanceof Byte v) {
            out.writeByte(BYTE);
            out.writeByte(v);
        } else if (value instanceof Short v) {
            out.writeByte(SHORT);
            out.writeShort(v);
        } else if (value instanceof Character v) {
            out.writeByte(CHAR);
            out.writeChar(v);
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
            writeString(out, v);
        } else if (value instanceof byte[] v) {
            out.writeByte(BYTES);
            out.writeInt(v.length);
            out.write(v);
        } else {
            // The message classes refuse other types before they get here.
            throw new IllegalArgumentException("Not a map or stream value: " + value.getClass().getName());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case BOOLEAN -> in.readBoolean();
            case BYTE -> in.readByte();
            case SHORT -> in.readShort();
            case CHAR -> in.readChar();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case STRING -> readString(in);
            case BYTES -> readBytes(in);
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static void checkVersion(int version, String kind) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown " + kind + " body format version " + version);
        }
    }

    private static MessageFormatException unreadable(String kind, IOException e) {
        MessageFormatException mfe = new MessageFormatException("Unreadable " + kind + " message body: "
                + e.getMessage());
        mfe.initCause(e);
        return mfe;
    }
}
