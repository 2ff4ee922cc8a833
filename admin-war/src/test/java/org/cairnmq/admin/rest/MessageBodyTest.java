package org.cairnmq.admin.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.cairnmq.destination.DeliveryPolicy;
import org.cairnmq.management.MessageView;
import org.junit.jupiter.api.Test;

class MessageBodyTest {

    private static MessageView message(String bodyType, String text, byte[] body) {
        return new MessageView("p1", "READY", "ID:1", 0, null, null, null, true, 4, 0, 0, 0, Map.of(), bodyType, text, body);
    }

    @Test
    void jsonTextIsAlsoPrettyPrintedOtherTextIsNot() {
        String json = "{\"a\":1,\"b\":[1,2]}";
        MessageBody body = MessageBody.of(message("TEXT", json, json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(json, body.text());
        assertTrue(body.pretty().contains("\n"), body.pretty());
        assertNull(MessageBody.prettyJson("<script>alert(1)</script>"));
        assertNull(MessageBody.prettyJson("{not json"));
    }

    @Test
    void otherBodiesAreHexWithTheirSize() {
        MessageBody body = MessageBody.of(message("BYTES", null, new byte[] {(byte) 0xCA, (byte) 0xFE}));
        assertEquals("cafe", body.hex());
        assertEquals(2, body.size());
        assertFalse(body.truncated());
        MessageBody big = MessageBody.of(message("BYTES", null, new byte[100_000]));
        assertEquals(2 * 64 * 1024, big.hex().length());
        assertTrue(big.truncated());
    }

    @Test
    void policyFieldsLeftOutKeepTheirValue() {
        DeliveryPolicy changed = new PolicyJson(3, null, null, null, null, "").over(DeliveryPolicy.DEFAULT);
        assertEquals(3, changed.maxDeliveryAttempts());
        assertEquals(Duration.ofMillis(100), changed.redeliveryDelay());
        assertEquals("DLQ", changed.deadLetterQueue());
        assertNull(changed.expiryQueue(), "an empty expiry queue drops expired messages");
    }
}
