package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapMessageTest {
    private final JmsMapMessage message = new JmsMapMessage();

    @Test
    void everyTypeReadsBackAsItself() throws JMSException {
        message.setBoolean("bool", true);
        message.setByte("byte", (byte) 1);
        message.setShort("short", (short) 2);
        message.setChar("char", 'c');
        message.setInt("int", 3);
        message.setLong("long", 4L);
        message.setFloat("float", 5.5f);
        message.setDouble("double", 6.5);
        message.setString("string", "s");
        message.setBytes("bytes", new byte[] {1, 2, 3}, 1, 2);

        assertTrue(message.getBoolean("bool"));
        assertEquals(1, message.getByte("byte"));
        assertEquals(2, message.getShort("short"));
        assertEquals('c', message.getChar("char"));
        assertEquals(3, message.getInt("int"));
        assertEquals(4L, message.getLong("long"));
        assertEquals(5.5f, message.getFloat("float"));
        assertEquals(6.5, message.getDouble("double"));
        assertEquals("s", message.getString("string"));
        assertArrayEquals(new byte[] {2, 3}, message.getBytes("bytes"));
        assertEquals(Character.valueOf('c'), message.getObject("char"));
    }

    @Test
    void valuesWidenAndReadAsStringsButDoNotNarrow() throws JMSException {
        message.setByte("b", (byte) 7);
        message.setFloat("f", 1.5f);
        message.setLong("l", 9L);
        message.setBoolean("t", true);
        message.setChar("c", 'x');

        assertEquals(7, message.getShort("b"));
        assertEquals(7L, message.getLong("b"));
        assertEquals("7", message.getString("b"));
        assertEquals(1.5, message.getDouble("f"));
        assertEquals("true", message.getString("t"));
        assertEquals("x", message.getString("c"));
        assertThrows(MessageFormatException.class, () -> message.getInt("l"));
        assertThrows(MessageFormatException.class, () -> message.getFloat("b"));
        assertThrows(MessageFormatException.class, () -> message.getInt("t"));
        assertThrows(MessageFormatException.class, () -> message.getInt("c"));
        assertThrows(MessageFormatException.class, () -> message.getBytes("b"));
    }

    @Test
    void stringsParseToTheTypeAskedExceptChar() throws JMSException {
        message.setString("n", "12");
        message.setString("x", "twelve");

        assertEquals(12, message.getByte("n"));
        assertEquals(12.0f, message.getFloat("n"));
        assertFalse(message.getBoolean("x"));
        assertThrows(NumberFormatException.class, () -> message.getLong("x"));
        assertThrows(MessageFormatException.class, () -> message.getChar("n"));
        assertThrows(MessageFormatException.class, () -> message.getBytes("n"));
    }

    @Test
    void byteArraysAreNotStrings() throws JMSException {
        message.setBytes("b", new byte[] {1});

        assertThrows(MessageFormatException.class, () -> message.getString("b"));
        assertThrows(MessageFormatException.class, () -> message.getInt("b"));
    }

    @Test
    void missingNamesReadAsNull() throws JMSException {
        assertNull(message.getString("none"));
        assertNull(message.getBytes("none"));
        assertNull(message.getObject("none"));
        assertFalse(message.getBoolean("none"));
        assertThrows(NumberFormatException.class, () -> message.getInt("none"));
        assertThrows(NullPointerException.class, () -> message.getDouble("none"));
        assertThrows(NullPointerException.class, () -> message.getChar("none"));
    }

    @Test
    void namesKeepTheirOrder() throws JMSException {
        message.setInt("z", 1);
        message.setInt("a", 2);
        message.setInt("z", 3);

        assertEquals(List.of("z", "a"), Collections.list(message.getMapNames()));
        assertTrue(message.itemExists("a"));
        assertFalse(message.itemExists("b"));
    }

    @Test
    void badNamesAndTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> message.setInt(null, 1));
        assertThrows(IllegalArgumentException.class, () -> message.setInt("", 1));
        assertThrows(MessageFormatException.class, () -> message.setObject("o", List.of()));
    }

    @Test
    void byteArraysAreCopiedInAndOut() throws JMSException {
        byte[] bytes = {1};
        message.setBytes("b", bytes);
        bytes[0] = 2;
        message.getBytes("b")[0] = 3;
        ((byte[]) message.getObject("b"))[0] = 4;

        assertArrayEquals(new byte[] {1}, message.getBytes("b"));
    }

    @Test
    void receivedMessageIsReadOnlyUntilClearBody() throws JMSException {
        JmsMapMessage received = new JmsMapMessage(Map.of("a", 1));
        received.markReceived(1, null);

        assertEquals(1, received.getInt("a"));
        assertThrows(MessageNotWriteableException.class, () -> received.setInt("b", 2));
        received.clearBody();
        assertFalse(received.itemExists("a"));
        received.setInt("b", 2);
    }

    @Test
    void bodyReadsAsACopyOfTheMap() throws JMSException {
        message.setInt("a", 1);
        message.setBytes("b", new byte[] {5});

        @SuppressWarnings("unchecked")
        Map<String, Object> body = message.getBody(Map.class);
        body.put("c", 3);
        ((byte[]) body.get("b"))[0] = 6;

        assertEquals(1, body.get("a"));
        assertFalse(message.itemExists("c"));
        assertArrayEquals(new byte[] {5}, message.getBytes("b"));
        assertTrue(message.isBodyAssignableTo(Map.class));
        assertTrue(message.isBodyAssignableTo(Object.class));
        assertFalse(message.isBodyAssignableTo(HashMap.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }

    @Test
    void emptyMapIsNoBody() throws JMSException {
        assertNull(message.getBody(String.class));
        assertTrue(message.isBodyAssignableTo(String.class));
    }
}
