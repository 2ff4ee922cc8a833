package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simplified API's producer: its properties, headers and options, and a send of every body type. */
class JmsProducerTest {
    private EmbeddedBroker broker;
    private JMSContext context;
    private Queue queue;
    private JMSProducer producer;
    private JMSConsumer consumer;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        context = broker.connectionFactory().createContext();
        queue = context.createQueue("producer");
        producer = context.createProducer();
        consumer = context.createConsumer(queue);
    }

    @AfterEach
    void stop() {
        context.close();
        broker.close();
    }

    @Test
    void propertiesFollowTheConversionTable() {
        producer.setProperty("int", 5).setProperty("text", "x").setProperty("flag", true);

        assertEquals(5L, producer.getLongProperty("int"));
        assertEquals("5", producer.getStringProperty("int"));
        assertEquals(5, producer.getObjectProperty("int"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.getFloatProperty("int"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.getIntProperty("flag"));
        assertThrows(NumberFormatException.class, () -> producer.getIntProperty("text"));
        assertFalse(producer.getBooleanProperty("missing"));
        assertEquals(Set.of("int", "text", "flag"), producer.getPropertyNames());
        assertTrue(producer.propertyExists("flag"));
        producer.clearProperties();
        assertFalse(producer.propertyExists("flag"));
    }

    @Test
    void badPropertiesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("", 1));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty(null, 1));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("o", new Object()));
    }

    @Test
    void settersChainAndCheckTheirValues() {
        JMSProducer same = producer.setPriority(9).setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(5)
                .setDeliveryDelay(0).setDisableMessageID(true).setDisableMessageTimestamp(true);

        assertSame(producer, same);
        assertEquals(9, producer.getPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, producer.getDeliveryMode());
        assertEquals(5, producer.getTimeToLive());
        assertTrue(producer.getDisableMessageID());
        assertTrue(producer.getDisableMessageTimestamp());
        assertThrows(JMSRuntimeException.class, () -> producer.setPriority(10));
        assertThrows(JMSRuntimeException.class, () -> producer.setDeliveryMode(0));
    }

    @Test
    void everyBodyTypeIsSent() throws JMSException {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", 1);
        producer.send(queue, "text").send(queue, map).send(queue, new byte[] {1, 2})
                .send(queue, (java.io.Serializable) 42L).send(queue, context.createMessage());

        assertEquals("text", ((TextMessage) consumer.receive(5_000)).getText());
        assertEquals(1, ((MapMessage) consumer.receive(5_000)).getInt("k"));
        assertArrayEquals(new byte[] {1, 2}, consumer.receive(5_000).getBody(byte[].class));
        assertEquals(42L, ((ObjectMessage) consumer.receive(5_000)).getObject());
        assertEquals(JmsMessage.class, consumer.receive(5_000).getClass());
    }

    @Test
    void nullBodiesSendEmptyMessages() throws JMSException {
        producer.send(queue, (String) null).send(queue, (Map<String, Object>) null).send(queue, (byte[]) null)
                .send(queue, (java.io.Serializable) null);

        assertNull(((TextMessage) consumer.receive(5_000)).getText());
        assertFalse(((MapMessage) consumer.receive(5_000)).getMapNames().hasMoreElements());
        assertEquals(0, ((BytesMessage) consumer.receive(5_000)).getBodyLength());
        assertNull(((ObjectMessage) consumer.receive(5_000)).getObject());
    }

    @Test
    void propertiesAndHeadersGoOnEveryMessage() throws JMSException {
        Queue replies = context.createQueue("replies");
        producer.setProperty("region", "north").setJMSType("order").setJMSCorrelationID("c-1").setJMSReplyTo(replies);
        Message own = context.createMessage();
        own.setIntProperty("own", 1);

        producer.send(queue, "first").send(queue, own);

        for (Message received : new Message[] {consumer.receive(5_000), consumer.receive(5_000)}) {
            assertEquals("north", received.getStringProperty("region"));
            assertEquals("order", received.getJMSType());
            assertEquals("c-1", received.getJMSCorrelationID());
            assertEquals(replies, received.getJMSReplyTo());
        }
        assertEquals(1, own.getIntProperty("own"));
        assertTrue(own.getJMSMessageID().startsWith("ID:"));
    }

    @Test
    void correlationIdAsBytes() throws JMSException {
        producer.setJMSCorrelationIDAsBytes(new byte[] {1, 2, (byte) 200});

        producer.send(queue, "x");

        assertArrayEquals(new byte[] {1, 2, (byte) 200}, producer.getJMSCorrelationIDAsBytes());
        assertArrayEquals(new byte[] {1, 2, (byte) 200}, consumer.receive(5_000).getJMSCorrelationIDAsBytes());
    }

    @Test
    void sendOptionsBecomeHeaders() throws JMSException {
        long before = System.currentTimeMillis();
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(2).setTimeToLive(60_000).setDeliveryDelay(10)
                .setDisableMessageID(true).setDisableMessageTimestamp(true);

        producer.send(queue, "options");
        Message received = consumer.receive(5_000);

        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(2, received.getJMSPriority());
        assertTrue(received.getJMSExpiration() >= before + 60_000);
        assertTrue(received.getJMSDeliveryTime() >= before + 10);
        assertNull(received.getJMSMessageID());
        assertEquals(0, received.getJMSTimestamp());
    }

    @Test
    void nullMessageOrDestinationIsRefused() {
        assertThrows(MessageFormatRuntimeException.class, () -> producer.send(queue, (Message) null));
        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, "x"));
    }

    @Test
    void receivedMessageCannotTakeTheProducersProperties() {
        producer.send(queue, "once");
        Message received = consumer.receive(5_000);
        producer.setProperty("extra", 1);

        assertThrows(MessageNotWriteableRuntimeException.class, () -> producer.send(queue, received));
    }

    @Test
    void asyncSendCompletesOrSaysItIsNotImplemented() throws Exception {
        CompletableFuture<Message> completed = new CompletableFuture<>();
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completed.complete(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                completed.completeExceptionally(exception);
            }
        };
        assertSame(listener, producer.setAsync(listener).getAsync());

        try {
            producer.send(queue, "async");
        } catch (JMSRuntimeException e) {
            assertTrue(e.getMessage().contains("not implemented"), e.getMessage());
            return;
        }
        assertInstanceOf(TextMessage.class, completed.get(10, TimeUnit.SECONDS));
        assertEquals("async", consumer.receiveBody(String.class, 5_000));
    }
}
