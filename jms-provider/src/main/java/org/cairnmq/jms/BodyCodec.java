package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cairnmq.engine.TypedValues;

/**
 * Encodes the bodies of map and stream messages for the engine and the store, and decodes them back.
 * The bytes are persisted: never change the meaning of version 1, add new versions instead.
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
 * (string and value as {@link TypedValues} writes them)
 * </pre>
 */
final class BodyCodec {
    private static final int VERSION = 1;

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
                TypedValues.writeString(out, e.getKey());
                TypedValues.write(out, e.getValue());
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
                entries.put(TypedValues.readString(in), TypedValues.read(in));
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
                TypedValues.write(out, value);
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
                values.add(TypedValues.read(in));
            }
        } catch (IOException e) {
            throw unreadable("stream", e);
        }
        return values;
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
