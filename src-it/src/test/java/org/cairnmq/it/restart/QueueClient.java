package org.cairnmq.it.restart;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/** Sends to and receives from one Cairn queue through the adapter's pooled connection factory. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueClient {
    public static final String QUEUE = "it.restart";

    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory connectionFactory;

    public void send(String text) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue(QUEUE)).send(session.createTextMessage(text));
        }
    }

    /** @return the next message's text, or null if none arrives in time */
    public String receive(long timeoutMillis) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            TextMessage message = (TextMessage) session.createConsumer(session.createQueue(QUEUE)).receive(timeoutMillis);
            return message == null ? null : message.getText();
        }
    }

    /** Subscribes durably (a shared durable subscription: no client ID in the EE container) and leaves. */
    public void subscribe(String topic, String subscription) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            session.createSharedDurableConsumer(session.createTopic(topic), subscription).close();
        }
    }

    public void publish(String topic, String text) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createTopic(topic)).send(session.createTextMessage(text));
        }
    }

    /** @return the next message's text from the durable subscription, or null if none arrives in time */
    public String receiveFromSubscription(String topic, String subscription, long timeoutMillis) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            TextMessage message = (TextMessage) session
                    .createSharedDurableConsumer(session.createTopic(topic), subscription).receive(timeoutMillis);
            return message == null ? null : message.getText();
        }
    }

    /** Empties the queue; returns how many messages were thrown away. */
    public int drain() throws JMSException {
        int drained = 0;
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            while (consumer.receiveNoWait() != null) {
                drained++;
            }
        }
        return drained;
    }
}
