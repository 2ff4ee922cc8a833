package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamMessageTest {
    private final JmsStreamMessage message = new JmsStreamMessage();

    @Test
    void newMessageIsWriteOnlyAndResetMakesItReadOnly() throws JMSException {
        message.writeInt(1);
        assertThrows(MessageNotReadableException.class, message::readInt);
        message.reset();

        assertEquals(1, message.readInt());
        assertThrows(MessageNotWriteableException.class, () -> message.writeInt(2));
    }

    @Test
    void valuesReadBackInOrderAsTheirOwnTypes() throws JMSException {
        message.writeBoolean(true);
        message.writeByte((byte) 1);
        message.writeShort((short) 2);
        message.writeChar('c');
        message.writeInt(3);
        message.writeLong(4L);
        message.writeFloat(5.5f);
        message.writeDouble(6.5);
        message.writeString("s");
        message.writeBytes(new byte[] {1, 2, 3}, 1, 1);
        message.writeObject(7);
        message.writeString(null);
        message.reset();

        assertEquals(true, message.readObject());
        assertEquals((byte) 1, message.readObject());
        assertEquals((short) 2, message.readObject());
        assertEquals('c', message.readObject());
        assertEquals(3, message.readObject());
        assertEquals(4L, message.readObject());
        assertEquals(5.5f, message.readObject());
        assertEquals(6.5, message.readObject());
        assertEquals("s", message.readObject());
        assertArrayEquals(new byte[] {2}, (byte[]) message.readObject());
        assertEquals(7, message.readObject());
        assertNull(message.readObject());
        assertThrows(MessageEOFException.class, message::readObject);
    }

    @Test
    void conversionsFollowTheTable() throws JMSException {
        message.writeByte((byte) 9);
        message.writeFloat(1.5f);
        message.writeString("42");
        message.writeChar('x');
        message.reset();

        assertEquals(9L, message.readLong());
        assertEquals(1.5, message.readDouble());
        assertEquals(42, message.readInt());
        assertEquals("x", message.readString());
    }

    @Test
    void failedReadDoesNotMoveOn() throws JMSException {
        message.writeString("not a number");
        message.writeLong(5L);
        message.writeChar('c');
        message.reset();

        assertThrows(NumberFormatException.class, message::readInt);
        assertEquals("not a number", message.readString());
        assertThrows(MessageFormatException.class, message::readInt);
        assertThrows(MessageFormatException.class, message::readDouble);
        assertEquals(5L, message.readLong());
        assertThrows(MessageFormatException.class, message::readInt);
        assertThrows(MessageFormatException.class, message::readBoolean);
        assertEquals('c', message.readChar());
    }

    @Test
    void stringsDoNotReadAsCharsNorBytesAsStrings() throws JMSException {
        message.writeString("c");
        message.writeBytes(new byte[] {1});
        message.reset();

        assertThrows(MessageFormatException.class, message::readChar);
        message.readString();
        assertThrows(MessageFormatException.class, message::readString);
    }

    @Test
    void nullReadsAsValueOfNull() throws JMSException {
        message.writeObject(null);
        message.writeObject(null);
        message.reset();

        assertThrows(NumberFormatException.class, message::readInt);
        assertThrows(NullPointerException.class, message::readFloat);
        assertThrows(NullPointerException.class, message::readChar);
        assertFalse(message.readBoolean());
        assertNull(message.readString());
    }

    @Test
    void readBytesReadsAnArrayPieceByPiece() throws JMSException {
        message.writeBytes(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        message.writeInt(10);
        message.reset();
        byte[] buffer = new byte[4];

        assertEquals(4, message.readBytes(buffer));
        assertThrows(MessageFormatException.class, message::readInt);
        assertEquals(4, message.readBytes(buffer));
        assertEquals(2, message.readBytes(buffer));
        assertArrayEquals(new byte[] {8, 9}, Arrays.copyOf(buffer, 2));
        assertEquals(10, message.readInt());
    }

    @Test
    void readBytesNeedsOneMoreCallWhenTheArrayFillsTheBuffer() throws JMSException {
        message.writeBytes(new byte[] {1, 2, 3, 4});
        message.writeBoolean(true);
        message.reset();
        byte[] buffer = new byte[4];

        assertEquals(4, message.readBytes(buffer));
        assertEquals(-1, message.readBytes(buffer));
        assertEquals(true, message.readBoolean());
    }

    @Test
    void readBytesOfNullEmptyAndOtherValues() throws JMSException {
        message.writeBytes(null);
        message.writeBytes(new byte[0]);
        message.writeInt(1);
        message.reset();
        byte[] buffer = new byte[4];

        assertEquals(-1, message.readBytes(buffer));
        assertEquals(0, message.readBytes(buffer));
        assertThrows(MessageFormatException.class, () -> message.readBytes(buffer));
        assertEquals(1, message.readInt());
        assertThrows(MessageEOFException.class, () -> message.readBytes(buffer));
    }

    @Test
    void writtenArraysAreCopies() throws JMSException {
        byte[] bytes = {1};
        message.writeBytes(bytes);
        message.writeObject(bytes);
        bytes[0] = 2;
        message.reset();

        assertArrayEquals(new byte[] {1}, (byte[]) message.readObject());
        assertArrayEquals(new byte[] {1}, (byte[]) message.readObject());
    }

    @Test
    void otherTypesAreRefused() {
        assertThrows(MessageFormatException.class, () -> message.writeObject(List.of()));
    }

    @Test
    void clearBodyEmptiesAndMakesWritable() throws JMSException {
        JmsStreamMessage received = new JmsStreamMessage(List.of(1, "two"));
        received.markReceived(1, null);
        assertEquals(1, received.readInt());
        received.clearBody();
        received.writeString("three");
        received.reset();

        assertEquals("three", received.readString());
        assertThrows(MessageEOFException.class, received::readString);
    }

    @Test
    void bodyIsNeverReadableAsAWhole() throws JMSException {
        message.writeInt(1);

        assertThrows(MessageFormatException.class, () -> message.getBody(Object.class));
        assertFalse(message.isBodyAssignableTo(Object.class));
        assertFalse(new JmsStreamMessage().isBodyAssignableTo(Object.class));
    }
}
