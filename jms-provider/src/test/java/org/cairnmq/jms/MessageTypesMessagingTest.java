package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every message type sent and received through the classic API and the store. */
class MessageTypesMessagingTest {
    private final String jdbcUrl = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private EmbeddedBroker broker;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private MessageConsumer consumer;

    @BeforeEach
    void start() throws JMSException {
        broker = EmbeddedBroker.start(jdbcUrl);
        connect();
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private void connect() throws JMSException {
        connection = broker.connectionFactory().createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("types");
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    @SuppressWarnings("unchecked")
    private <T extends Message> T sendAndReceive(Message message) throws JMSException {
        producer.send(message);
        return (T) consumer.receive(5_000);
    }

    @Test
    void bytesMessageArrivesReadOnlyAtItsStart() throws JMSException {
        BytesMessage sent = session.createBytesMessage();
        sent.writeInt(7);
        sent.writeUTF("seven");

        BytesMessage received = sendAndReceive(sent);

        assertInstanceOf(JmsBytesMessage.class, received);
        assertEquals(4 + 2 + 5, received.getBodyLength());
        assertEquals(7, received.readInt());
        assertEquals("seven", received.readUTF());
        assertThrows(MessageNotWriteableException.class, () -> received.writeInt(1));
    }

    @Test
    void mapMessageArrivesWithEveryType() throws JMSException {
        MapMessage sent = session.createMapMessage();
        sent.setBoolean("bool", true);
        sent.setChar("char", 'c');
        sent.setLong("long", Long.MIN_VALUE);
        sent.setDouble("double", 0.1);
        sent.setString("string", "ünïcode");
        sent.setString("null", null);
        sent.setBytes("bytes", new byte[] {1, 2});

        MapMessage received = sendAndReceive(sent);

        assertEquals(List.of("bool", "char", "long", "double", "string", "null", "bytes"),
                Collections.list(received.getMapNames()));
        assertEquals(true, received.getObject("bool"));
        assertEquals('c', received.getChar("char"));
        assertEquals(Long.MIN_VALUE, received.getLong("long"));
        assertEquals(0.1, received.getDouble("double"));
        assertEquals("ünïcode", received.getString("string"));
        assertNull(received.getString("null"));
        assertArrayEquals(new byte[] {1, 2}, received.getBytes("bytes"));
        assertThrows(MessageNotWriteableException.class, () -> received.setInt("x", 1));
    }

    @Test
    void objectMessageArrivesAsACopy() throws JMSException {
        ArrayList<Object> object = new ArrayList<>(List.of("a", LocalDate.of(2025, 1, 31)));

        ObjectMessage received = sendAndReceive(session.createObjectMessage(object));

        assertEquals(object, received.getObject());
        assertEquals(object, received.getBody(List.class));
    }

    @Test
    void streamMessageArrivesInOrder() throws JMSException {
        StreamMessage sent = session.createStreamMessage();
        sent.writeString("first");
        sent.writeBytes(new byte[] {9});
        sent.writeObject(null);
        sent.writeFloat(2.5f);

        StreamMessage received = sendAndReceive(sent);

        assertEquals("first", received.readString());
        assertArrayEquals(new byte[] {9}, (byte[]) received.readObject());
        assertNull(received.readObject());
        assertEquals(2.5, received.readDouble());
        assertThrows(MessageEOFException.class, received::readObject);
    }

    @Test
    void emptyBodiesArriveEmpty() throws JMSException {
        BytesMessage bytes = sendAndReceive(session.createBytesMessage());
        MapMessage map = sendAndReceive(session.createMapMessage());
        ObjectMessage object = sendAndReceive(session.createObjectMessage());
        StreamMessage stream = sendAndReceive(session.createStreamMessage());
        TextMessage text = sendAndReceive(session.createTextMessage());
        Message plain = sendAndReceive(session.createMessage());

        assertEquals(0, bytes.getBodyLength());
        assertFalse(map.getMapNames().hasMoreElements());
        assertNull(object.getObject());
        assertThrows(MessageEOFException.class, stream::readObject);
        assertNull(text.getText());
        assertEquals(JmsMessage.class, plain.getClass());
    }

    @Test
    void sentMessageCanBeChangedAndSentAgain() throws JMSException {
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeByte((byte) 1);
        bytes.setIntProperty("n", 1);
        producer.send(bytes);
        bytes.writeByte((byte) 2);
        bytes.setIntProperty("n", 2);
        producer.send(bytes);

        BytesMessage first = (BytesMessage) consumer.receive(5_000);
        BytesMessage second = (BytesMessage) consumer.receive(5_000);

        assertEquals(1, first.getBodyLength());
        assertEquals(1, first.getIntProperty("n"));
        assertEquals(2, second.getBodyLength());
        assertEquals(2, second.getIntProperty("n"));
    }

    @Test
    void everyTypeSurvivesARestart() throws JMSException {
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeLong(1);
        MapMessage map = session.createMapMessage();
        map.setInt("two", 2);
        StreamMessage stream = session.createStreamMessage();
        stream.writeShort((short) 4);
        for (Message m : List.of(bytes, map, session.createObjectMessage(3), stream, session.createTextMessage("5"))) {
            producer.send(m);
        }
        connection.close();
        broker.close();

        broker = EmbeddedBroker.start(jdbcUrl);
        connect();

        assertEquals(1L, ((BytesMessage) consumer.receive(5_000)).readLong());
        assertEquals(2, ((MapMessage) consumer.receive(5_000)).getInt("two"));
        assertEquals(3, ((ObjectMessage) consumer.receive(5_000)).getObject());
        assertEquals(4, ((StreamMessage) consumer.receive(5_000)).readShort());
        assertEquals("5", ((TextMessage) consumer.receive(5_000)).getText());
    }
}
