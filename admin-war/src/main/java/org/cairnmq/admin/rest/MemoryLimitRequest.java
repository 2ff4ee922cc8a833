package org.cairnmq.admin.rest;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Set;

/**
 * The body of a {@code PUT} of a memory limit, {@code {"limitBytes": 65536, "policy": "FAIL"}}, read strictly:
 * both fields required, nothing else allowed, the limit a whole number within {@code long} range. Whether
 * the values can work (at least 1 byte, BLOCK or FAIL) the broker decides, so every client gets one answer.
 */
record MemoryLimitRequest(long limitBytes, String policy) {
    private static final Set<String> FIELDS = Set.of("limitBytes", "policy");
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    /** @throws IllegalArgumentException (answered 400) for a body that is not such an object */
    static MemoryLimitRequest of(JsonObject body) {
        Requests.required(body, "A body {\"limitBytes\": ..., \"policy\": \"BLOCK\" or \"FAIL\"}");
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("Unknown field \"" + field + "\"; a memory limit has only "
                        + "\"limitBytes\" and \"policy\"");
            }
        }
        Requests.field(body, "limitBytes", true, JsonValue.ValueType.NUMBER);
        Requests.field(body, "policy", true, JsonValue.ValueType.STRING);
        return new MemoryLimitRequest(bytes(body.getJsonNumber("limitBytes")),
                ((JsonString) body.get("policy")).getString());
    }

    private static long bytes(JsonNumber limit) {
        // JSON-P's own isIntegral() answers false for 1e3; range first, so 1e1000000 costs nothing to refuse.
        BigDecimal value = limit.bigDecimalValue();
        if (value.compareTo(LONG_MAX) > 0 || value.compareTo(LONG_MIN) < 0) {
            throw new IllegalArgumentException("\"limitBytes\" is at most " + Long.MAX_VALUE + ", not " + limit);
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("\"limitBytes\" is a whole number of bytes, not " + limit);
        }
        return value.longValue();
    }
}
