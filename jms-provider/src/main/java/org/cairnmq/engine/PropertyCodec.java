package org.cairnmq.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Encodes application properties for the store: a count, then each name and its {@link TypedValues} value. */
final class PropertyCodec {
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
                TypedValues.writeString(out, e.getKey());
                TypedValues.write(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new BrokerException(BrokerException.Kind.MESSAGE_FORMAT, e.getMessage(), e);
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
                properties.put(TypedValues.readString(in), TypedValues.read(in));
            }
        } catch (IOException e) {
            throw new BrokerException(BrokerException.Kind.MESSAGE_FORMAT, "Unreadable stored properties", e);
        }
        return properties;
    }
}
