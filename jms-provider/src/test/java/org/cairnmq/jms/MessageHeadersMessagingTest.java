package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.UUID;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The headers an application sets, and those the producer stamps, as a consumer sees them. */
class MessageHeadersMessagingTest {
    private EmbeddedBroker broker;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private MessageConsumer consumer;

    @BeforeEach
    void start() throws JMSException {
        broker = EmbeddedBroker.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        connection = broker.connectionFactory().createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("headers");
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private Message sendAndReceive(Message message) throws JMSException {
        producer.send(message);
        return consumer.receive(5_000);
    }

    @Test
    void correlationIdAsBytesComesBackByteForByte() throws JMSException {
        byte[] id = new byte[255];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (i + 1);
        }
        Message sent = session.createMessage();
        sent.setJMSCorrelationIDAsBytes(id);

        Message received = sendAndReceive(sent);

        assertArrayEquals(id, received.getJMSCorrelationIDAsBytes());
    }

    @Test
    void correlationIdAsStringReadsAsBytesToo() throws JMSException {
        Message sent = session.createTextMessage();
        sent.setJMSCorrelationID("order-17");

        Message received = sendAndReceive(sent);

        assertEquals("order-17", received.getJMSCorrelationID());
        assertArrayEquals("order-17".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                received.getJMSCorrelationIDAsBytes());
    }

    @Test
    void replyToComesBackAsAQueue() throws JMSException {
        Message sent = session.createMessage();
        sent.setJMSReplyTo(session.createQueue("replies"));

        Message received = sendAndReceive(sent);

        assertEquals(new JmsQueue("replies"), received.getJMSReplyTo());
        assertNull(sendAndReceive(session.createMessage()).getJMSReplyTo());
    }

    @Test
    void typeAndTimestampComeBack() throws JMSException {
        Message sent = session.createBytesMessage();
        sent.setJMSType("invoice.v2");
        long before = System.currentTimeMillis();

        Message received = sendAndReceive(sent);

        assertEquals("invoice.v2", received.getJMSType());
        assertEquals(sent.getJMSTimestamp(), received.getJMSTimestamp());
        assertTrue(received.getJMSTimestamp() >= before && received.getJMSTimestamp() <= System.currentTimeMillis());
    }

    @Test
    void disabledIdAndTimestampArriveEmpty() throws JMSException {
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);

        Message received = sendAndReceive(session.createMapMessage());

        assertNull(received.getJMSMessageID());
        assertEquals(0, received.getJMSTimestamp());
    }

    @Test
    void sendOptionsBecomeHeaders() throws JMSException {
        long before = System.currentTimeMillis();
        producer.send(session.createStreamMessage(), DeliveryMode.NON_PERSISTENT, 8, 60_000);

        Message received = consumer.receive(5_000);

        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(8, received.getJMSPriority());
        assertTrue(received.getJMSExpiration() >= before + 60_000);
    }
}
