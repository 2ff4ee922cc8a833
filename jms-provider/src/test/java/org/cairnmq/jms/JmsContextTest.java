package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simplified API's context: connection sharing, session modes, start/stop and what listeners may not do. */
class JmsContextTest {
    private EmbeddedBroker broker;
    private ConnectionFactory factory;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        factory = broker.connectionFactory();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void factoryMakesCairnContextsInEverySessionMode() {
        for (int mode : new int[] {JMSContext.SESSION_TRANSACTED, JMSContext.AUTO_ACKNOWLEDGE,
                JMSContext.CLIENT_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE}) {
            try (JMSContext context = factory.createContext(mode)) {
                assertInstanceOf(JmsContext.class, context);
                assertEquals(mode, context.getSessionMode());
                assertEquals(mode == JMSContext.SESSION_TRANSACTED, context.getTransacted());
            }
        }
        try (JMSContext context = factory.createContext("user", "password")) {
            assertEquals(JMSContext.AUTO_ACKNOWLEDGE, context.getSessionMode());
        }
        assertThrows(JMSRuntimeException.class, () -> factory.createContext(42));
    }

    @Test
    void contextsMadeFromAContextShareItsConnectionUntilTheLastCloses() {
        JmsContext first = (JmsContext) factory.createContext();
        JmsContext second = (JmsContext) first.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        assertSame(first.connection(), second.connection());
        Queue queue = second.createQueue("shared");
        first.close();

        second.createProducer().send(queue, "still open");
        assertEquals("still open", second.createConsumer(queue).receiveBody(String.class, 5_000));
        second.close();

        assertThrows(jakarta.jms.IllegalStateException.class, () -> second.connection().createSession());
        assertThrows(IllegalStateRuntimeException.class, () -> first.createContext(JMSContext.AUTO_ACKNOWLEDGE));
    }

    @Test
    void closedContextRefusesWorkAndClosesQuietlyAgain() {
        JMSContext context = factory.createContext();
        context.close();
        context.close();

        assertThrows(IllegalStateRuntimeException.class, context::createTextMessage);
        assertThrows(IllegalStateRuntimeException.class, context::createProducer);
        assertThrows(IllegalStateRuntimeException.class, context::acknowledge);
        assertThrows(IllegalStateRuntimeException.class, context::getSessionMode);
    }

    @Test
    void messagesAreCairnMessages() throws JMSException {
        try (JMSContext context = factory.createContext()) {
            assertInstanceOf(JmsBytesMessage.class, context.createBytesMessage());
            assertInstanceOf(JmsMapMessage.class, context.createMapMessage());
            assertInstanceOf(JmsObjectMessage.class, context.createObjectMessage());
            assertEquals("x", ((JmsObjectMessage) context.createObjectMessage("x")).getBody(String.class));
            assertInstanceOf(JmsStreamMessage.class, context.createStreamMessage());
            assertEquals("t", context.createTextMessage("t").getBody(String.class));
            assertEquals(JmsMessage.class, context.createMessage().getClass());
        }
    }

    @Test
    void consumerStartsTheConnectionUnlessAutoStartIsOff() {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("auto-start");
            context.createProducer().send(queue, "one").send(queue, "two");
            context.setAutoStart(false);
            assertFalse(context.getAutoStart());
            JMSConsumer consumer = context.createConsumer(queue);

            assertNull(consumer.receiveBody(String.class, 200));
            context.start();
            assertEquals("one", consumer.receiveBody(String.class, 5_000));
            context.stop();
            assertNull(consumer.receiveNoWait());
            context.setAutoStart(true);
            context.createConsumer(context.createQueue("elsewhere"));
            assertEquals("two", consumer.receiveBody(String.class, 5_000));
        }
    }

    @Test
    void transactedContextCommitsAndRollsBack() throws JMSException {
        try (JMSContext tx = factory.createContext(JMSContext.SESSION_TRANSACTED);
                JMSContext other = factory.createContext()) {
            Queue queue = tx.createQueue("tx");
            JMSConsumer outside = other.createConsumer(queue);
            tx.createProducer().send(queue, "pending");
            assertNull(outside.receiveNoWait());
            tx.commit();
            assertEquals("pending", outside.receiveBody(String.class, 5_000));

            other.createProducer().send(queue, "back");
            JMSConsumer inside = tx.createConsumer(queue);
            assertFalse(inside.receive(5_000).getJMSRedelivered());
            tx.rollback();
            Message again = inside.receive(5_000);
            assertTrue(again.getJMSRedelivered());
            tx.commit();
            assertNull(inside.receiveNoWait());
        }
    }

    @Test
    void transactionMethodsNeedTheRightMode() {
        try (JMSContext auto = factory.createContext();
                JMSContext tx = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            assertThrows(IllegalStateRuntimeException.class, auto::commit);
            assertThrows(IllegalStateRuntimeException.class, auto::rollback);
            assertThrows(IllegalStateRuntimeException.class, tx::recover);
        }
    }

    @Test
    void clientAcknowledgeContextAcknowledgesEverythingReceived() throws JMSException {
        try (JMSContext context = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue queue = context.createQueue("client-ack");
            context.createProducer().send(queue, "a").send(queue, "b");
            JMSConsumer consumer = context.createConsumer(queue);
            consumer.receive(5_000);
            consumer.receive(5_000);
            context.recover();

            Message first = consumer.receive(5_000);
            consumer.receive(5_000);
            context.acknowledge();
            context.recover();

            assertTrue(first.getJMSRedelivered());
            assertNull(consumer.receive(100));
        }
    }

    @Test
    void acknowledgeDoesNothingInAutoAcknowledge() {
        try (JMSContext context = factory.createContext()) {
            context.acknowledge();
        }
    }

    @Test
    void clientIdCanOnlyBeSetFirst() {
        try (JMSContext context = factory.createContext()) {
            context.setClientID("client-1");
            assertEquals("client-1", context.getClientID());
            context.createProducer();
            assertThrows(IllegalStateRuntimeException.class, () -> context.setClientID("client-2"));
        }
    }

    @Test
    void connectionSettingsAreTheConnections() throws JMSException {
        try (JMSContext context = factory.createContext()) {
            ExceptionListener listener = e -> { };
            context.setExceptionListener(listener);

            assertSame(listener, context.getExceptionListener());
            assertEquals("3.1", context.getMetaData().getJMSVersion());
        }
    }

    @Test
    void messageListenerMayNotCloseOrStopItsOwnContext() throws Exception {
        try (JMSContext context = factory.createContext();
                JMSContext sibling = context.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = context.createQueue("listener");
            CompletableFuture<RuntimeException> fromClose = new CompletableFuture<>();
            CompletableFuture<RuntimeException> fromStop = new CompletableFuture<>();
            CompletableFuture<RuntimeException> fromSiblingStop = new CompletableFuture<>();
            context.createConsumer(queue).setMessageListener(m -> {
                fromClose.complete(attempt(context::close));
                fromStop.complete(attempt(context::stop));
                fromSiblingStop.complete(attempt(sibling::stop));
            });
            sibling.createProducer().send(queue, "go");

            assertInstanceOf(IllegalStateRuntimeException.class, fromClose.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateRuntimeException.class, fromStop.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateRuntimeException.class, fromSiblingStop.get(10, TimeUnit.SECONDS));
        }
    }

    private static RuntimeException attempt(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
