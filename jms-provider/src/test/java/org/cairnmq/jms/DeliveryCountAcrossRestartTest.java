package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.UUID;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.destination.DeliveryPolicy;
import org.junit.jupiter.api.Test;

/** Failed delivery attempts of a persistent message are kept in the store, so a restart counts them. */
class DeliveryCountAcrossRestartTest {
    private static final DeliveryPolicy THREE_ATTEMPTS = new DeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO,
            "DLQ", "ExpiryQueue");

    @Test
    void attemptsBeforeARestartCountAfterIt() throws JMSException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (EmbeddedBroker broker = EmbeddedBroker.start(url);
             Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            session.createProducer(session.createQueue("poison")).send(session.createTextMessage("fails"));
            session.commit();
            MessageConsumer consumer = session.createConsumer(session.createQueue("poison"));
            for (int attempt = 1; attempt <= 2; attempt++) {
                Message m = consumer.receive(5_000);
                assertEquals(attempt, m.getIntProperty("JMSXDeliveryCount"));
                session.rollback();
            }
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(url);
             Connection connection = broker.connectionFactory().createConnection()) {
            broker.broker().setDeliveryPolicy("poison", THREE_ATTEMPTS);
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue("poison"));
            Message third = consumer.receive(5_000);
            assertNotNull(third);
            assertTrue(third.getJMSRedelivered());
            assertEquals(3, third.getIntProperty("JMSXDeliveryCount"));
            session.rollback();
            // That was the third attempt of three: on to the dead-letter queue.
            assertNull(consumer.receive(200));
            Message dead = session.createConsumer(session.createQueue("DLQ")).receive(5_000);
            assertNotNull(dead);
            assertEquals(3, dead.getIntProperty("CairnDeliveryAttempts"));
            session.commit();
        }
    }

    @Test
    void aMessageNeverRolledBackIsNotMarkedRedeliveredAfterARestart() throws JMSException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (EmbeddedBroker broker = EmbeddedBroker.start(url);
             Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue("fresh")).send(session.createTextMessage("new"));
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(url);
             Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Message m = session.createConsumer(session.createQueue("fresh")).receive(5_000);
            assertFalse(m.getJMSRedelivered());
            assertEquals(1, m.getIntProperty("JMSXDeliveryCount"));
        }
    }
}
