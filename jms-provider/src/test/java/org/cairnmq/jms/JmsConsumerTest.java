package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simplified API's consumer: receive variants, receiveBody and its rules per session mode, listeners. */
class JmsConsumerTest {
    /** A class ObjectMessage deserialization does not allow. */
    record Unlisted(int n) implements Serializable {
    }

    private EmbeddedBroker broker;
    private JMSContext sender;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        sender = broker.connectionFactory().createContext();
    }

    @AfterEach
    void stop() {
        sender.close();
        broker.close();
    }

    private Queue queue(String name) {
        return sender.createQueue(name);
    }

    @Test
    void receiveVariants() {
        try (JMSContext context = broker.connectionFactory().createContext()) {
            JMSConsumer consumer = context.createConsumer(queue("receive"));
            assertNull(consumer.receiveNoWait());
            assertNull(consumer.receive(50));
            assertNull(consumer.receiveBodyNoWait(String.class));
            sender.createProducer().send(queue("receive"), "a").send(queue("receive"), "b");

            assertNotNull(consumer.receive());
            assertEquals("b", consumer.receiveBody(String.class));
        }
    }

    @Test
    void receiveBodyReturnsEachBodyType() {
        Queue queue = queue("bodies");
        sender.createProducer().send(queue, "text").send(queue, Map.of("k", "v")).send(queue, new byte[] {7})
                .send(queue, (Serializable) List.of(1));
        try (JMSContext context = broker.connectionFactory().createContext()) {
            JMSConsumer consumer = context.createConsumer(queue);

            assertEquals("text", consumer.receiveBody(CharSequence.class, 5_000));
            assertEquals(Map.of("k", "v"), consumer.receiveBody(Map.class, 5_000));
            assertArrayEquals(new byte[] {7}, consumer.receiveBody(byte[].class, 5_000));
            assertEquals(List.of(1), consumer.receiveBody(Serializable.class, 5_000));
        }
    }

    @Test
    void inAutoAcknowledgeAnUnreadableBodyLeavesTheMessageForTheNextReceive() throws JMSException {
        for (int mode : new int[] {JMSContext.AUTO_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE}) {
            Queue queue = queue("auto-" + mode);
            sender.createProducer().send(queue, "text").send(queue, "next");
            try (JMSContext context = broker.connectionFactory().createContext(mode)) {
                JMSConsumer consumer = context.createConsumer(queue);

                assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, 5_000));
                Message kept = consumer.receive(5_000);
                assertEquals("text", kept.getBody(String.class));
                assertFalse(kept.getJMSRedelivered(), "a refused body does not count as a delivery");
                assertEquals("next", consumer.receiveBody(String.class, 5_000));
            }
            assertNull(sender.createConsumer(queue).receiveNoWait());
        }
    }

    @Test
    void messagesWithoutAReadableBodyAreRefusedAndKept() throws JMSException {
        Queue queue = queue("no-body");
        StreamMessage stream = sender.createStreamMessage();
        stream.writeInt(1);
        sender.createProducer().send(queue, sender.createMessage()).send(queue, stream).send(queue, (String) null)
                .send(queue, new Unlisted(1));
        try (JMSContext context = broker.connectionFactory().createContext()) {
            JMSConsumer consumer = context.createConsumer(queue);

            for (int i = 0; i < 4; i++) {
                assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class, 5_000));
                assertNotNull(consumer.receive(5_000));
            }
            assertNull(consumer.receiveNoWait());
        }
    }

    @Test
    void inClientAcknowledgeAnUnreadableMessageCountsAsDelivered() throws JMSException {
        Queue queue = queue("client");
        sender.createProducer().send(queue, "text");
        try (JMSContext context = broker.connectionFactory().createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            JMSConsumer consumer = context.createConsumer(queue);

            assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, 5_000));
            assertNull(consumer.receive(100));
            context.recover();
            Message again = consumer.receive(5_000);
            assertTrue(again.getJMSRedelivered());
            context.acknowledge();
        }
    }

    @Test
    void inATransactionAnUnreadableMessageStaysInTheTransaction() throws JMSException {
        Queue queue = queue("transacted");
        sender.createProducer().send(queue, "text");
        try (JMSContext context = broker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED)) {
            JMSConsumer consumer = context.createConsumer(queue);

            assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, 5_000));
            assertNull(consumer.receive(100));
            context.rollback();
            assertEquals("text", consumer.receiveBody(String.class, 5_000));
            context.commit();
        }
        assertNull(sender.createConsumer(queue).receiveNoWait());
    }

    @Test
    void listenerGetsMessagesAndMayCloseItsConsumer() throws Exception {
        Queue queue = queue("listener");
        try (JMSContext context = broker.connectionFactory().createContext()) {
            JMSConsumer consumer = context.createConsumer(queue);
            CompletableFuture<String> got = new CompletableFuture<>();
            MessageListener listener = m -> {
                try {
                    consumer.close();
                    got.complete(m.getBody(String.class));
                } catch (JMSException | RuntimeException e) {
                    got.completeExceptionally(e);
                }
            };
            consumer.setMessageListener(listener);
            assertSame(listener, consumer.getMessageListener());
            sender.createProducer().send(queue, "pushed");

            assertEquals("pushed", got.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closedConsumerRefusesWork() {
        try (JMSContext context = broker.connectionFactory().createContext()) {
            JMSConsumer consumer = context.createConsumer(queue("closed"));
            assertNull(consumer.getMessageSelector());
            consumer.close();

            assertThrows(IllegalStateRuntimeException.class, consumer::receiveNoWait);
            assertThrows(IllegalStateRuntimeException.class, consumer::getMessageListener);
        }
    }
}
