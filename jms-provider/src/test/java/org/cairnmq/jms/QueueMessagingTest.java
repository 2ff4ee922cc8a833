package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueMessagingTest {
    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private Connection connection;

    @BeforeEach
    void start() throws JMSException {
        broker = EmbeddedBroker.start(jdbcUrl());
        connection = broker.connectionFactory().createConnection();
        connection.start();
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    /** The store's database, the same for every call within a test; PostgresQueueMessagingTest overrides it. */
    String jdbcUrl() {
        return "jdbc:h2:" + dir.resolve("store").toAbsolutePath();
    }

    @Test
    void textMessageArrivesWithItsHeadersAndProperties() throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("orders");
        TextMessage sent = session.createTextMessage("hello");
        sent.setStringProperty("region", "north");
        sent.setIntProperty("lines", 3);
        sent.setJMSCorrelationID("c-1");
        MessageProducer producer = session.createProducer(queue);
        producer.setPriority(7);
        producer.send(sent);

        TextMessage received = (TextMessage) session.createConsumer(queue).receive(5_000);

        assertEquals("hello", received.getText());
        assertEquals(sent.getJMSMessageID(), received.getJMSMessageID());
        assertTrue(received.getJMSMessageID().startsWith("ID:"));
        assertEquals("north", received.getStringProperty("region"));
        assertEquals(3L, received.getLongProperty("lines"));
        assertEquals("c-1", received.getJMSCorrelationID());
        assertEquals(7, received.getJMSPriority());
        assertEquals(DeliveryMode.PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(queue, received.getJMSDestination());
        assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
        assertFalse(received.getJMSRedelivered());
    }

    @Test
    void persistentMessageSurvivesRestartAndAcknowledgedOneDoesNot() throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("durable");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("consumed before restart"));
        producer.send(session.createTextMessage("kept across restart"));
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals("consumed before restart", ((TextMessage) consumer.receive(5_000)).getText());
        connection.close();
        broker.close();

        broker = EmbeddedBroker.start(jdbcUrl());
        connection = broker.connectionFactory().createConnection();
        connection.start();
        Session again = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer afterRestart = again.createConsumer(again.createQueue("durable"));

        assertEquals("kept across restart", ((TextMessage) afterRestart.receive(5_000)).getText());
        assertNull(afterRestart.receiveNoWait());
    }

    @Test
    void nonPersistentMessageIsNotKeptAcrossRestart() throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("volatile"));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.send(session.createTextMessage("gone"));
        assertEquals(1, broker.broker().queueDepth("volatile"));
        connection.close();
        broker.close();

        broker = EmbeddedBroker.start(jdbcUrl());
        connection = broker.connectionFactory().createConnection();
        assertEquals(0, broker.broker().queueDepth("volatile"));
    }

    @Test
    void higherPriorityIsDeliveredFirstAndOrderIsKeptWithinAPriority() throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("prio");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("low-1"), DeliveryMode.PERSISTENT, 1, 0);
        producer.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);
        producer.send(session.createTextMessage("low-2"), DeliveryMode.PERSISTENT, 1, 0);
        MessageConsumer consumer = session.createConsumer(queue);

        assertEquals("high", ((TextMessage) consumer.receive(5_000)).getText());
        assertEquals("low-1", ((TextMessage) consumer.receive(5_000)).getText());
        assertEquals("low-2", ((TextMessage) consumer.receive(5_000)).getText());
    }

    @Test
    void transactedSendIsInvisibleUntilCommit() throws JMSException {
        Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("tx-send");
        tx.createProducer(queue).send(tx.createTextMessage("pending"));
        MessageConsumer consumer = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);

        assertNull(consumer.receive(100));
        tx.commit();
        assertEquals("pending", ((TextMessage) consumer.receive(5_000)).getText());
    }

    @Test
    void rolledBackSendIsDropped() throws JMSException {
        Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("tx-drop");
        tx.createProducer(queue).send(tx.createTextMessage("dropped"));
        tx.rollback();

        assertNull(connection.createSession().createConsumer(queue).receive(100));
        assertEquals(0, broker.broker().queueDepth("tx-drop"));
    }

    @Test
    void rolledBackReceiptIsRedeliveredWithCountAndFlag() throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("tx-receive");
        session.createProducer(queue).send(session.createTextMessage("again"));
        Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(queue);

        Message first = consumer.receive(5_000);
        tx.rollback();
        Message second = consumer.receive(5_000);
        tx.commit();

        assertFalse(first.getJMSRedelivered());
        assertTrue(second.getJMSRedelivered());
        assertEquals(2, second.getIntProperty("JMSXDeliveryCount"));
        assertEquals(first.getJMSMessageID(), second.getJMSMessageID());
        assertNull(consumer.receive(100));
    }

    @Test
    void clientAcknowledgeRedeliversUntilAcknowledged() throws JMSException {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("client-ack");
        session.createProducer(queue).send(session.createTextMessage("ack me"));
        MessageConsumer consumer = session.createConsumer(queue);

        consumer.receive(5_000);
        session.recover();
        Message again = consumer.receive(5_000);
        again.acknowledge();
        session.recover();

        assertTrue(again.getJMSRedelivered());
        assertNull(consumer.receive(100));
    }

    @Test
    void unacknowledgedMessageReturnsWhenSessionCloses() throws JMSException {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("close-returns");
        session.createProducer(queue).send(session.createTextMessage("back"));
        session.createConsumer(queue).receive(5_000);
        session.close();

        Message again = connection.createSession().createConsumer(queue).receive(5_000);
        assertNotNull(again);
        assertTrue(again.getJMSRedelivered());
    }

    @Test
    void competingListenersShareTheQueueAndEachMessageArrivesOnce() throws Exception {
        int count = 500;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(count);
        Set<Integer> listenersUsed = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 3; i++) {
            int listenerId = i;
            Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createConsumer(s.createQueue("shared-work")).setMessageListener(m -> {
                try {
                    listenersUsed.add(listenerId);
                    if (!seen.add(((TextMessage) m).getText())) {
                        duplicates.incrementAndGet();
                    }
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
                all.countDown();
            });
        }
        Session producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producerSession.createProducer(producerSession.createQueue("shared-work"));
        for (int i = 0; i < count; i++) {
            producer.send(producerSession.createTextMessage("m" + i));
        }

        assertTrue(all.await(30, TimeUnit.SECONDS), "only " + (count - all.getCount()) + " arrived");
        assertEquals(count, seen.size());
        assertEquals(0, duplicates.get());
        assertTrue(listenersUsed.size() > 1, "all messages went to one listener");
    }

    @Test
    void listenerThatThrowsGetsTheMessageAgain() throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("throwing");
        CountDownLatch secondAttempt = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        session.createConsumer(queue).setMessageListener(m -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            secondAttempt.countDown();
        });
        Session producer = connection.createSession();
        producer.createProducer(queue).send(producer.createTextMessage("retry"));

        assertTrue(secondAttempt.await(10, TimeUnit.SECONDS));
        assertEquals(2, attempts.get());
    }

    @Test
    void stoppedConnectionDoesNotDeliverUntilStarted() throws JMSException {
        connection.stop();
        Session session = connection.createSession();
        Queue queue = session.createQueue("stopped");
        session.createProducer(queue).send(session.createTextMessage("later"));
        MessageConsumer consumer = session.createConsumer(queue);

        assertNull(consumer.receive(100));
        connection.start();
        assertNotNull(consumer.receive(5_000));
    }

    @Test
    void closedObjectsRefuseWork() throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue("closed"));
        session.close();

        assertThrows(jakarta.jms.IllegalStateException.class, () -> session.createTextMessage("x"));
        assertThrows(jakarta.jms.IllegalStateException.class, () -> producer.send(new JmsTextMessage()));
    }

    @Test
    void consumerWithSelectorTakesOnlyMatchingMessagesAndLeavesTheRest() throws JMSException {
        Session session = connection.createSession();
        Queue queue = session.createQueue("selected");
        MessageProducer producer = session.createProducer(queue);
        for (String region : new String[] {"north", "south", "north"}) {
            TextMessage m = session.createTextMessage(region);
            m.setStringProperty("region", region);
            producer.send(m);
        }
        MessageConsumer north = session.createConsumer(queue, "region = 'north'");

        assertEquals("region = 'north'", north.getMessageSelector());
        assertEquals("north", ((TextMessage) north.receive(5_000)).getText());
        assertEquals("north", ((TextMessage) north.receive(5_000)).getText());
        assertNull(north.receive(100));
        assertEquals("south", ((TextMessage) session.createConsumer(queue).receive(5_000)).getText());
    }

    @Test
    void waitingConsumerWithSelectorIsSkippedForMessagesItDoesNotMatch() throws Exception {
        Session session = connection.createSession();
        Queue queue = session.createQueue("selected-wait");
        MessageConsumer urgent = session.createConsumer(queue, "JMSPriority > 6");
        CountDownLatch got = new CountDownLatch(1);
        urgent.setMessageListener(m -> got.countDown());
        MessageProducer producer = connection.createSession().createProducer(queue);
        producer.send(session.createTextMessage("routine"), DeliveryMode.PERSISTENT, 4, 0);
        producer.send(session.createTextMessage("urgent"), DeliveryMode.PERSISTENT, 8, 0);

        assertTrue(got.await(5, TimeUnit.SECONDS));
        assertEquals(1, broker.broker().queueDepth("selected-wait"));
    }

    @Test
    void malformedSelectorIsRefusedWithItsPosition() throws JMSException {
        Session session = connection.createSession();
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class,
                () -> session.createConsumer(session.createQueue("q"), "a = = 1"));
        assertTrue(e.getMessage().contains("position"), e.getMessage());
    }
}
