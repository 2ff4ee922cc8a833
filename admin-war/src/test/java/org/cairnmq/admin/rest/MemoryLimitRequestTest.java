package org.cairnmq.admin.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The body of a memory-limit PUT is read strictly; what it refuses is answered 400 (an IllegalArgumentException). */
class MemoryLimitRequestTest {

    private static MemoryLimitRequest read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return MemoryLimitRequest.of(reader.readObject());
        }
    }

    private static void assertRefused(String json, String explained) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> read(json), json);
        assertTrue(refused.getMessage().contains(explained), refused.getMessage());
    }

    @Test
    void aLimitAndAPolicyAreRead() {
        assertEquals(new MemoryLimitRequest(65_536, "FAIL"), read("{\"limitBytes\": 65536, \"policy\": \"FAIL\"}"));
        assertEquals(new MemoryLimitRequest(Long.MAX_VALUE, "BLOCK"),
                read("{\"limitBytes\": 9223372036854775807, \"policy\": \"BLOCK\"}"));
        assertEquals(new MemoryLimitRequest(1_000, "BLOCK"), read("{\"limitBytes\": 1e3, \"policy\": \"BLOCK\"}"));
        // The broker, not the reader, refuses values that cannot work, so every client gets the same answer.
        assertEquals(new MemoryLimitRequest(0, "DROP"), read("{\"limitBytes\": 0, \"policy\": \"DROP\"}"));
    }

    @Test
    void unknownFieldsMissingFieldsAndValuesOfTheWrongKindAreRefused() {
        assertRefused("{\"limitBytes\": 4096, \"policy\": \"FAIL\", \"limit\": 1}", "Unknown field \"limit\"");
        assertRefused("{\"policy\": \"FAIL\"}", "\"limitBytes\" is required");
        assertRefused("{\"limitBytes\": null, \"policy\": \"FAIL\"}", "\"limitBytes\" is required");
        assertRefused("{\"limitBytes\": 4096}", "\"policy\" is required");
        assertRefused("{\"limitBytes\": \"4096\", \"policy\": \"FAIL\"}", "wrong type");
        assertRefused("{\"limitBytes\": 4096, \"policy\": 1}", "wrong type");
        assertRefused("{\"limitBytes\": 4096.5, \"policy\": \"FAIL\"}", "whole number");
        assertRefused("{\"limitBytes\": 9223372036854775808, \"policy\": \"FAIL\"}", "at most");
        assertRefused("{\"limitBytes\": 1e400, \"policy\": \"FAIL\"}", "at most");
        assertRefused("{\"limitBytes\": 1.25e1, \"policy\": \"FAIL\"}", "whole number");
        assertThrows(IllegalArgumentException.class, () -> MemoryLimitRequest.of((JsonObject) null));
    }
}
