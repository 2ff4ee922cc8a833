package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages of another provider's implementation, sent through Cairn: read through the interfaces only. */
class ForeignMessageTest {
    private EmbeddedBroker broker;
    private Connection connection;
    private MessageProducer producer;
    private MessageConsumer consumer;

    @BeforeEach
    void start() throws JMSException {
        broker = EmbeddedBroker.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        connection = broker.connectionFactory().createConnection();
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("foreign");
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    @SuppressWarnings("unchecked")
    private <T extends Message> T sendAndReceive(Message message) throws JMSException {
        producer.send(message);
        return (T) consumer.receive(5_000);
    }

    @Test
    void plainMessageKeepsHeadersAndProperties() throws JMSException {
        Message foreign = ForeignMessages.plain();
        foreign.setStringProperty("region", "north");
        foreign.setLongProperty("count", 3L);
        foreign.setJMSCorrelationID("c-9");
        foreign.setJMSType("audit");
        foreign.setJMSReplyTo((Queue) () -> "replies");

        Message received = sendAndReceive(foreign);

        assertEquals(JmsMessage.class, received.getClass());
        assertNotNull(foreign.getJMSMessageID());
        assertEquals(foreign.getJMSMessageID(), received.getJMSMessageID());
        assertEquals("north", received.getStringProperty("region"));
        assertEquals(3L, received.getLongProperty("count"));
        assertEquals("c-9", received.getJMSCorrelationID());
        assertEquals("audit", received.getJMSType());
        assertEquals(new JmsQueue("replies"), received.getJMSReplyTo());
    }

    @Test
    void textMessage() throws JMSException {
        TextMessage received = sendAndReceive(ForeignMessages.text("from elsewhere"));

        assertInstanceOf(JmsTextMessage.class, received);
        assertEquals("from elsewhere", received.getText());
    }

    @Test
    void bytesMessageIsCopiedWhateverItsLength() throws JMSException {
        byte[] content = new byte[20_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }

        BytesMessage received = sendAndReceive(ForeignMessages.bytes(content));

        byte[] back = new byte[content.length];
        assertEquals(content.length, received.readBytes(back));
        assertArrayEquals(content, back);
    }

    @Test
    void mapMessage() throws JMSException {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("i", 1);
        entries.put("s", "two");
        entries.put("b", new byte[] {3});

        MapMessage received = sendAndReceive(ForeignMessages.map(entries));

        assertEquals(1, received.getInt("i"));
        assertEquals("two", received.getString("s"));
        assertArrayEquals(new byte[] {3}, received.getBytes("b"));
    }

    @Test
    void objectMessage() throws JMSException {
        ObjectMessage received = sendAndReceive(ForeignMessages.object(new java.util.ArrayList<>(List.of(1, 2))));

        assertEquals(List.of(1, 2), received.getObject());
    }

    @Test
    void streamMessage() throws JMSException {
        StreamMessage received = sendAndReceive(ForeignMessages.stream(true, "x", null, new byte[] {4}));

        assertEquals(true, received.readBoolean());
        assertEquals("x", received.readString());
        assertNull(received.readObject());
        assertArrayEquals(new byte[] {4}, (byte[]) received.readObject());
        assertThrows(MessageEOFException.class, received::readObject);
    }
}
