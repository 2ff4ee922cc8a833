package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

class BytesMessageTest {
    private final JmsBytesMessage message = new JmsBytesMessage();

    @Test
    void newMessageIsWriteOnly() {
        assertThrows(MessageNotReadableException.class, message::readByte);
        assertThrows(MessageNotReadableException.class, message::getBodyLength);
        assertThrows(MessageNotReadableException.class, () -> message.readBytes(new byte[1]));
    }

    @Test
    void valuesReadBackInOrderAfterReset() throws JMSException {
        message.writeBoolean(true);
        message.writeByte((byte) -2);
        message.writeShort((short) -3);
        message.writeChar('é');
        message.writeInt(4);
        message.writeLong(5L);
        message.writeFloat(6.5f);
        message.writeDouble(7.25);
        message.writeUTF("ünïcode");
        message.writeBytes(new byte[] {9, 8, 7}, 1, 2);
        message.reset();

        assertTrue(message.readBoolean());
        assertEquals(254, message.readUnsignedByte());
        assertEquals(65533, message.readUnsignedShort());
        assertEquals('é', message.readChar());
        assertEquals(4, message.readInt());
        assertEquals(5L, message.readLong());
        assertEquals(6.5f, message.readFloat());
        assertEquals(7.25, message.readDouble());
        assertEquals("ünïcode", message.readUTF());
        assertEquals(8, message.readByte());
        assertEquals(7, message.readByte());
    }

    @Test
    void writeObjectWritesBoxedValuesAndRefusesOthers() throws JMSException {
        message.writeObject(1);
        message.writeObject("s");
        message.writeObject(new byte[] {3});
        message.reset();

        assertEquals(1, message.readInt());
        assertEquals("s", message.readUTF());
        assertEquals(3, message.readByte());
        message.clearBody();
        assertThrows(MessageFormatException.class, () -> message.writeObject(new Object()));
        assertThrows(NullPointerException.class, () -> message.writeObject(null));
    }

    @Test
    void readPastTheEndThrowsAndLeavesThePosition() throws JMSException {
        message.writeShort((short) 12);
        message.reset();

        assertThrows(MessageEOFException.class, message::readInt);
        assertEquals(12, message.readShort());
        assertThrows(MessageEOFException.class, message::readByte);
    }

    @Test
    void readBytesFillsTheArrayThenReportsTheEnd() throws JMSException {
        message.writeBytes(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        message.reset();
        byte[] buffer = new byte[4];

        assertEquals(4, message.readBytes(buffer));
        assertArrayEquals(new byte[] {0, 1, 2, 3}, buffer);
        assertEquals(4, message.readBytes(buffer));
        assertEquals(2, message.readBytes(buffer, 3));
        assertArrayEquals(new byte[] {8, 9}, new byte[] {buffer[0], buffer[1]});
        assertEquals(-1, message.readBytes(buffer));
        assertThrows(IndexOutOfBoundsException.class, () -> message.readBytes(buffer, 5));
    }

    @Test
    void resetMakesTheBodyReadOnlyUntilClearBody() throws JMSException {
        message.writeInt(1);
        message.reset();

        assertEquals(4, message.getBodyLength());
        assertThrows(MessageNotWriteableException.class, () -> message.writeInt(2));
        message.clearBody();
        message.writeByte((byte) 1);
        message.reset();
        assertEquals(1, message.getBodyLength());
    }

    @Test
    void resetGoesBackToTheStart() throws JMSException {
        message.writeInt(42);
        message.reset();
        message.readInt();
        message.reset();

        assertEquals(42, message.readInt());
    }

    @Test
    void receivedMessageIsReadOnlyFromItsStart() throws JMSException {
        JmsBytesMessage received = new JmsBytesMessage(new byte[] {0, 0, 0, 7});
        received.markReceived(1, null);

        assertEquals(4, received.getBodyLength());
        assertEquals(7, received.readInt());
        assertThrows(MessageNotWriteableException.class, () -> received.writeInt(1));
    }

    @Test
    void bodyReadsAsACopyOfEveryByteInEitherMode() throws JMSException {
        message.writeBytes(new byte[] {1, 2});
        byte[] whileWriting = message.getBody(byte[].class);
        message.reset();
        message.readByte();
        byte[] whileReading = message.getBody(byte[].class);
        whileReading[0] = 99;

        assertArrayEquals(new byte[] {1, 2}, whileWriting);
        assertArrayEquals(new byte[] {1, 2}, message.getBody(byte[].class));
        assertEquals(2, message.readByte());
        assertTrue(message.isBodyAssignableTo(byte[].class));
        assertTrue(message.isBodyAssignableTo(Object.class));
        assertFalse(message.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }

    @Test
    void emptyBodyReadsAsNullForAnyType() throws JMSException {
        assertNull(message.getBody(String.class));
        assertTrue(message.isBodyAssignableTo(String.class));
    }
}
