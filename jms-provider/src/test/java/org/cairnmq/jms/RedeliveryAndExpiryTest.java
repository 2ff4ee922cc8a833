package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.engine.DeadLetterProperties;
import org.cairnmq.destination.DeliveryPolicy;
import org.junit.jupiter.api.Test;

class RedeliveryAndExpiryTest extends InMemoryBrokerTest {

    @Test
    void poisonMessageEndsInTheDeadLetterQueueWithItsOriginAndReason() throws Exception {
        broker.broker().setDeliveryPolicy("poison", new DeliveryPolicy(3, Duration.ofMillis(10), 2.0,
                Duration.ofSeconds(1), "DLQ", "ExpiryQueue"));
        Session session = connection.createSession();
        AtomicInteger attempts = new AtomicInteger();
        session.createConsumer(session.createQueue("poison")).setMessageListener(m -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("cannot process");
        });
        Session other = connection.createSession();
        other.createProducer(other.createQueue("poison")).send(other.createTextMessage("bad"));

        TextMessage dead = (TextMessage) other.createConsumer(other.createQueue("DLQ")).receive(10_000);

        assertNotNull(dead, "message reached the DLQ");
        assertEquals("bad", dead.getText());
        assertEquals("queue:poison", dead.getStringProperty(DeadLetterProperties.ORIGINAL_DESTINATION));
        assertTrue(dead.getStringProperty(DeadLetterProperties.REASON).contains("3 times"));
        assertEquals(3, dead.getIntProperty(DeadLetterProperties.DELIVERY_ATTEMPTS));
        assertEquals(3, attempts.get());
        assertEquals(0, broker.broker().queueDepth("poison"));
    }

    @Test
    void redeliveryWaitsForTheBackOff() throws JMSException {
        broker.broker().setDeliveryPolicy("slow", new DeliveryPolicy(5, Duration.ofHours(1), 1.0,
                Duration.ofHours(1), "DLQ", null));
        Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("slow");
        tx.createProducer(queue).send(tx.createTextMessage("later"));
        tx.commit();
        MessageConsumer consumer = tx.createConsumer(queue);
        assertNotNull(consumer.receive(5_000));
        tx.rollback();

        assertNull(consumer.receive(200), "redelivered before its back-off");
    }

    @Test
    void defaultPolicyHasABackOff() {
        DeliveryPolicy policy = broker.broker().deliveryPolicy("anything");
        assertTrue(policy.redeliveryDelay().toMillis() > 0);
        assertEquals("DLQ", policy.deadLetterQueue());
    }

    @Test
    void expiredMessageIsNeverDeliveredAndGoesToTheExpiryQueue() throws Exception {
        Session session = connection.createSession();
        Queue queue = session.createQueue("short-lived");
        MessageProducer producer = session.createProducer(queue);
        producer.setTimeToLive(50);
        TextMessage sent = session.createTextMessage("stale");
        producer.send(sent);
        awaitClockPast(sent.getJMSExpiration());

        assertNull(session.createConsumer(queue).receive(200));
        Message expired = session.createConsumer(session.createQueue("ExpiryQueue")).receive(5_000);
        assertNotNull(expired);
        assertEquals("expired", expired.getStringProperty(DeadLetterProperties.REASON));
        assertEquals(0, expired.getJMSExpiration(), "the copy does not expire again");
    }

    @Test
    void expiredMessagesAreDroppedWhenThereIsNoExpiryQueue() throws Exception {
        broker.broker().setDeliveryPolicy("drop", new DeliveryPolicy(10, Duration.ofMillis(10), 2.0,
                Duration.ofSeconds(1), "DLQ", null));
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue("drop"));
        TextMessage sent = session.createTextMessage("gone");
        producer.send(sent, jakarta.jms.DeliveryMode.PERSISTENT, 4, 50);
        awaitClockPast(sent.getJMSExpiration());

        assertNull(session.createConsumer(session.createQueue("drop")).receive(200));
        assertNull(session.createConsumer(session.createQueue("ExpiryQueue")).receiveNoWait());
    }

    @Test
    void delayedMessageIsNotDeliveredBeforeItsDeliveryTime() throws JMSException {
        Session session = connection.createSession();
        Queue queue = session.createQueue("delayed");
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(500);
        producer.send(session.createTextMessage("wait"));
        MessageConsumer consumer = session.createConsumer(queue);

        Message received = consumer.receive(10_000);
        long receivedAt = System.currentTimeMillis();

        assertNotNull(received);
        assertTrue(receivedAt >= received.getJMSDeliveryTime(),
                "delivered at " + receivedAt + ", before its delivery time " + received.getJMSDeliveryTime());
    }

    @Test
    void delayedPersistentMessageSurvivesAndWaitsAfterRestart() throws JMSException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (EmbeddedBroker first = EmbeddedBroker.start(url)) {
            Connection c = first.connectionFactory().createConnection();
            Session s = c.createSession();
            MessageProducer producer = s.createProducer(s.createQueue("delayed-restart"));
            producer.setDeliveryDelay(300);
            producer.send(s.createTextMessage("after restart"));
            c.close();
        }
        try (EmbeddedBroker second = EmbeddedBroker.start(url)) {
            Connection c = second.connectionFactory().createConnection();
            c.start();
            Session s = c.createSession();
            Message m = s.createConsumer(s.createQueue("delayed-restart")).receive(10_000);
            assertNotNull(m);
            assertTrue(System.currentTimeMillis() >= m.getJMSDeliveryTime());
            c.close();
        }
    }

    /** Waits, within a bound, for the wall clock to pass a time: the condition expiry depends on. */
    private static void awaitClockPast(long epochMillis) throws InterruptedException {
        long bound = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.currentTimeMillis() <= epochMillis) {
            if (System.nanoTime() > bound) {
                throw new AssertionError("clock did not pass " + epochMillis);
            }
            Thread.sleep(5);
        }
    }
}
