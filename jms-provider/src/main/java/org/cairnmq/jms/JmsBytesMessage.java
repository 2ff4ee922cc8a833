package org.cairnmq.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;

/**
 * A message whose body is a stream of uninterpreted bytes, written and read in the encoding of
 * {@link DataOutputStream} (big-endian, modified UTF-8 for {@code writeUTF}). A new message is
 * write-only; {@link #reset()} or receipt makes it read-only and goes back to the first byte. A read past
 * the end throws {@code MessageEOFException} and leaves the position where it was.
 */
public final class JmsBytesMessage extends JmsMessage implements BytesMessage {
    /** The bytes written so far, in write-only mode; {@code null} in read-only mode. */
    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(written);
    /** The whole body, in read-only mode. */
    private byte[] body;
    private ByteArrayInputStream bodyIn;
    private DataInputStream in;

    public JmsBytesMessage() {
    }

    /** A message with a received body, read-only. */
    JmsBytesMessage(byte[] received) {
        written = null;
        out = null;
        body = received == null ? new byte[0] : received;
        makeBodyReadOnly();
    }

    /** The body as it stands, in either mode, without moving the read position. Not a copy in read-only mode. */
    byte[] bodyBytes() {
        return written != null ? written.toByteArray() : body;
    }

    @Override
    void makeBodyReadOnly() {
        if (written != null) {
            body = written.toByteArray();
            written = null;
            out = null;
        }
        bodyIn = new ByteArrayInputStream(body);
        in = new DataInputStream(bodyIn);
        super.makeBodyReadOnly();
    }

    @Override
    public void reset() throws JMSException {
        makeBodyReadOnly();
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        written = new ByteArrayOutputStream();
        out = new DataOutputStream(written);
        body = null;
        bodyIn = null;
        in = null;
    }

    @Override
    public long getBodyLength() throws JMSException {
        checkBodyReadable();
        return body.length;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(DataInputStream::readBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(DataInputStream::readByte);
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return read(DataInputStream::readUnsignedByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(DataInputStream::readShort);
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return read(DataInputStream::readUnsignedShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(DataInputStream::readChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(DataInputStream::readInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(DataInputStream::readLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(DataInputStream::readFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(DataInputStream::readDouble);
    }

    @Override
    public String readUTF() throws JMSException {
        return read(stream -> stream.readUTF());
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /**
     * Reads up to {@code length} bytes into the start of {@code value}.
     *
     * @return how many were read, or -1 at the end of the body
     */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " for an array of " + value.length);
        }
        return read(stream -> stream.read(value, 0, length));
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(stream -> stream.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(stream -> stream.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(stream -> stream.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(stream -> stream.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(stream -> stream.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(stream -> stream.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(stream -> stream.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(stream -> stream.writeDouble(value));
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        write(stream -> stream.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(stream -> stream.write(value));
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(stream -> stream.write(value, offset, length));
    }

    /** Writes a boxed primitive, a String (as {@link #writeUTF}) or a byte array. */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("A BytesMessage cannot hold a null value");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("A BytesMessage cannot hold a " + value.getClass().getName());
        }
    }

    /** The whole body as a copy, whatever the mode and position; {@code null} when it is empty. */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        byte[] bytes = written != null ? written.toByteArray() : body.clone();
        if (bytes.length == 0) {
            return null;
        }
        if (!c.isAssignableFrom(byte[].class)) {
            throw new MessageFormatException("A BytesMessage body cannot be read as " + c.getName());
        }
        return c.cast(bytes);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        int length = written != null ? written.size() : body.length;
        return length == 0 || c.isAssignableFrom(byte[].class);
    }

    @FunctionalInterface
    private interface Read<T> {
        T from(DataInputStream stream) throws IOException;
    }

    @FunctionalInterface
    private interface Write {
        void to(DataOutputStream stream) throws IOException;
    }

    private <T> T read(Read<T> read) throws JMSException {
        checkBodyReadable();
        bodyIn.mark(0);
        try {
            return read.from(in);
        } catch (EOFException e) {
            bodyIn.reset();
            throw new MessageEOFException("Fewer bytes left in the message than the read needs");
        } catch (UTFDataFormatException e) {
            bodyIn.reset();
            throw formatError("Not a UTF string at this position", e);
        } catch (IOException e) {
            throw formatError("Unreadable bytes", e);
        }
    }

    private void write(Write write) throws JMSException {
        checkBodyWritable();
        try {
            write.to(out);
        } catch (IOException e) {
            // A ByteArrayOutputStream fails only on a string too long for writeUTF.
            throw formatError(e.getMessage(), e);
        }
    }

    private static MessageFormatException formatError(String message, Exception cause) {
        MessageFormatException e = new MessageFormatException(message);
        e.initCause(cause);
        return e;
    }
}
