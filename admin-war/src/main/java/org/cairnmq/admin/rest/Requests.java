package org.cairnmq.admin.rest;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/** Small checks on request input, failing with {@link IllegalArgumentException} (answered 400). */
final class Requests {
    private Requests() {
    }

    static <T> T required(T value, String what) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    /**
     * Whether a JSON field is there and not null.
     *
     * @param required whether a missing or null field is refused rather than answered {@code false}
     * @throws IllegalArgumentException if it has none of the types, or is required and missing
     */
    static boolean field(JsonObject request, String field, boolean required, JsonValue.ValueType... types) {
        JsonValue value = request.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                throw new IllegalArgumentException("\"" + field + "\" is required");
            }
            return false;
        }
        if (!List.of(types).contains(value.getValueType())) {
            throw new IllegalArgumentException("\"" + field + "\" has the wrong type: " + value.getValueType());
        }
        return true;
    }

    static int intParam(String value, String name, int defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not \"" + value + "\"");
        }
    }

    static long longParam(String value, String name, long defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not \"" + value + "\"");
        }
    }
}
