package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A message whose body is a sequence of typed values, read back in the order written with the
 * conversions of {@link ValueConversions} (the table of section 3.11.3). A new message is write-only;
 * {@link #reset()} or receipt makes it read-only and goes back to the first value.
 *
 * <p>A read that fails with {@code MessageFormatException} or {@code NumberFormatException} does not move
 * the position, so the value can be read again as another type. A byte array value read with
 * {@link #readBytes} must be read to its end before the next value.
 */
public final class JmsStreamMessage extends JmsMessage implements StreamMessage {
    /** Boxed primitives, Strings, byte arrays (owned copies) and nulls. */
    private final List<Object> values;
    private int position;
    /** How far {@link #readBytes} has got in the byte array at {@code position}; -1 when not in one. */
    private int bytesRead = -1;

    public JmsStreamMessage() {
        values = new ArrayList<>();
    }

    /** A message with a received body, read-only. */
    JmsStreamMessage(List<Object> received) {
        values = new ArrayList<>(received);
        makeBodyReadOnly();
    }

    /** The values written, for encoding; a read-only view. */
    List<Object> values() {
        return Collections.unmodifiableList(values);
    }

    @Override
    void makeBodyReadOnly() {
        position = 0;
        bytesRead = -1;
        super.makeBodyReadOnly();
    }

    @Override
    public void reset() throws JMSException {
        makeBodyReadOnly();
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        values.clear();
        position = 0;
        bytesRead = -1;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        boolean v = ValueConversions.toBoolean(next(), describe());
        position++;
        return v;
    }

    @Override
    public byte readByte() throws JMSException {
        byte v = ValueConversions.toByte(next(), describe());
        position++;
        return v;
    }

    @Override
    public short readShort() throws JMSException {
        short v = ValueConversions.toShort(next(), describe());
        position++;
        return v;
    }

    @Override
    public char readChar() throws JMSException {
        char v = ValueConversions.toChar(next(), describe());
        position++;
        return v;
    }

    @Override
    public int readInt() throws JMSException {
        int v = ValueConversions.toInt(next(), describe());
        position++;
        return v;
    }

    @Override
    public long readLong() throws JMSException {
        long v = ValueConversions.toLong(next(), describe());
        position++;
        return v;
    }

    @Override
    public float readFloat() throws JMSException {
        float v = ValueConversions.toFloat(next(), describe());
        position++;
        return v;
    }

    @Override
    public double readDouble() throws JMSException {
        double v = ValueConversions.toDouble(next(), describe());
        position++;
        return v;
    }

    @Override
    public String readString() throws JMSException {
        String v = ValueConversions.toText(next(), describe());
        position++;
        return v;
    }

    /**
     * Reads a byte array value piece by piece: fills {@code value} as far as the array has bytes left, and
     * returns how many it copied. A return shorter than {@code value} ends the array; a return equal to it
     * calls for another call, which returns -1 if nothing was left. A null value reads as -1 and an empty
     * array as 0, both at once.
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        checkBodyReadable();
        if (bytesRead < 0) {
            Object field = current();
            if (field == null) {
                position++;
                return -1;
            }
            if (!(field instanceof byte[] bytes)) {
                throw ValueConversions.cannotConvert(describe(), field, "byte[]");
            }
            if (bytes.length == 0) {
                position++;
                return 0;
            }
            bytesRead = 0;
        }
        byte[] bytes = (byte[]) values.get(position);
        int left = bytes.length - bytesRead;
        if (left == 0) {
            position++;
            bytesRead = -1;
            return -1;
        }
        int n = Math.min(left, value.length);
        System.arraycopy(bytes, bytesRead, value, 0, n);
        bytesRead += n;
        if (n < value.length) {
            position++;
            bytesRead = -1;
        }
        return n;
    }

    /** Reads the next value as its own boxed type, a copy of a byte array, or {@code null}. */
    @Override
    public Object readObject() throws JMSException {
        Object v = next();
        position++;
        return v instanceof byte[] bytes ? bytes.clone() : v;
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    /** Writes a copy of the array as one value; {@code null} writes a null value. */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        checkBodyWritable();
        if (offset < 0 || length < 0 || offset + length > value.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " for an array of "
                    + value.length);
        }
        add(Arrays.copyOfRange(value, offset, offset + length));
    }

    /** Writes a boxed primitive, a String, a byte array (copied) or {@code null}. */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (!ValueConversions.isBodyValue(value)) {
            throw new MessageFormatException("A StreamMessage cannot hold a " + value.getClass().getName());
        }
        add(value instanceof byte[] bytes ? bytes.clone() : value);
    }

    /** A stream body can never be read as a whole (section 3.11.3 and the {@code getBody} contract). */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("A StreamMessage body cannot be read with getBody");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }

    private void add(Object value) throws JMSException {
        checkBodyWritable();
        values.add(value);
    }

    /** The value at the position, checked to be readable now; the caller moves on only when it converts. */
    private Object next() throws JMSException {
        checkBodyReadable();
        if (bytesRead >= 0) {
            throw new MessageFormatException("Read the rest of the byte array with readBytes first");
        }
        return current();
    }

    private Object current() throws MessageEOFException {
        if (position >= values.size()) {
            throw new MessageEOFException("No more values in the stream message");
        }
        return values.get(position);
    }

    private String describe() {
        return "stream value " + (position + 1);
    }
}
