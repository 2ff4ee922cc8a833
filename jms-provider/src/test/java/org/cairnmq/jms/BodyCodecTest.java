package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyCodecTest {
    private static List<Object> everyKindOfValue() {
        return Arrays.asList(null, true, (byte) -1, (short) 300, 'ß', 70_000, 1L << 40, 1.25f, -2.5e300, "",
                "ünïcode 🐟", new byte[] {0, 1, (byte) 255}, new byte[0]);
    }

    @Test
    void mapRoundTripKeepsTypesAndOrder() throws JMSException {
        Map<String, Object> entries = new LinkedHashMap<>();
        List<Object> values = everyKindOfValue();
        for (int i = 0; i < values.size(); i++) {
            entries.put("k" + (values.size() - i), values.get(i));
        }

        Map<String, Object> back = BodyCodec.decodeMap(BodyCodec.encodeMap(entries));

        assertEquals(new ArrayList<>(entries.keySet()), new ArrayList<>(back.keySet()));
        entries.forEach((k, v) -> assertSameValue(v, back.get(k)));
    }

    @Test
    void streamRoundTripKeepsTypesAndOrder() throws JMSException {
        List<Object> values = everyKindOfValue();

        List<Object> back = BodyCodec.decodeStream(BodyCodec.encodeStream(values));

        assertEquals(values.size(), back.size());
        for (int i = 0; i < values.size(); i++) {
            assertSameValue(values.get(i), back.get(i));
        }
    }

    @Test
    void formatIsTheDocumentedOne() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", "é");

        assertEquals("01" + "00000002" + "00000001" + "61" + "05" + "00000001"
                + "00000001" + "62" + "09" + "00000002" + "c3a9",
                HexFormat.of().formatHex(BodyCodec.encodeMap(map)));
        assertEquals("01" + "00" + "01" + "01" + "0a" + "00000001" + "ff",
                HexFormat.of().formatHex(BodyCodec.encodeStream(Arrays.asList(null, true, new byte[] {-1}))));
    }

    @Test
    void emptyBodiesAreNoBody() throws JMSException {
        assertNull(BodyCodec.encodeMap(Map.of()));
        assertNull(BodyCodec.encodeStream(List.of()));
        assertTrue(BodyCodec.decodeMap(null).isEmpty());
        assertTrue(BodyCodec.decodeStream(null).isEmpty());
    }

    @Test
    void damagedBodiesAreFormatErrors() {
        byte[] stream = BodyCodec.encodeStream(List.of("hello"));

        assertThrows(MessageFormatException.class, () -> BodyCodec.decodeStream(Arrays.copyOf(stream, 5)));
        assertThrows(MessageFormatException.class, () -> BodyCodec.decodeStream(new byte[] {2, 0}));
        assertThrows(MessageFormatException.class, () -> BodyCodec.decodeStream(new byte[] {1, 42}));
        assertThrows(MessageFormatException.class, () -> BodyCodec.decodeMap(new byte[] {1, 0, 0, 0, 1}));
    }

    private static void assertSameValue(Object expected, Object actual) {
        if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) actual);
        } else {
            assertEquals(expected, actual);
            if (expected != null) {
                assertEquals(expected.getClass(), actual.getClass());
            }
        }
    }
}
