package org.cairnmq.admin.rest;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HexFormat;
import java.util.Map;
import org.cairnmq.management.MessageView;

/**
 * A message body as the console shows it: text as it is and, if it is JSON, pretty-printed; any other
 * body as hexadecimal (the first 64 KiB) with its size. Only ever data: the console renders it as text.
 *
 * @param type      TEXT, BYTES, MAP, STREAM, OBJECT or NONE
 * @param size      the body's size in bytes (UTF-8 for text)
 * @param text      a text body, else {@code null}
 * @param pretty    a text body that is JSON, indented; else {@code null}
 * @param hex       a body that is not text, as hexadecimal digits; else {@code null}
 * @param truncated whether {@code hex} stops before the end of the body
 */
public record MessageBody(String type, int size, String text, String pretty, String hex, boolean truncated) {
    private static final int HEX_LIMIT = 64 * 1024;
    private static final int PRETTY_LIMIT = 1024 * 1024;

    static MessageBody of(MessageView m) {
        int size = m.body() == null ? 0 : m.body().length;
        if (m.text() != null) {
            return new MessageBody(m.bodyType(), size, m.text(), prettyJson(m.text()), null, false);
        }
        if (m.body() == null) {
            return new MessageBody(m.bodyType(), 0, null, null, null, false);
        }
        int shown = Math.min(size, HEX_LIMIT);
        return new MessageBody(m.bodyType(), size, null, null, HexFormat.of().formatHex(m.body(), 0, shown),
                shown < size);
    }

    /** The first characters of a text body, for lists. */
    static String preview(MessageView m) {
        if (m.text() == null) {
            return null;
        }
        return m.text().length() <= 200 ? m.text() : m.text().substring(0, 200) + "…";
    }

    static String prettyJson(String text) {
        String trimmed = text.strip();
        if (trimmed.length() > PRETTY_LIMIT || !(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(trimmed))) {
            JsonStructure json = reader.read();
            StringWriter out = new StringWriter();
            try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                    .createWriter(out)) {
                writer.write(json);
            }
            return out.toString().strip();
        } catch (JsonException e) {
            return null;
        }
    }
}
