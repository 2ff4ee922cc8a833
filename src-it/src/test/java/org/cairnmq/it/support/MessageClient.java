package org.cairnmq.it.support;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends to and receives from Cairn's queues and topics through the adapter's pooled connection factory,
 * outside any transaction unless a method says otherwise: what the MDB tests' clients do.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MessageClient {
    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory connectionFactory;

    public void send(String queue, String text, Map<String, Object> properties) throws JMSException {
        send(false, queue, List.of(text), properties);
    }

    public void publish(String topic, String text, Map<String, Object> properties) throws JMSException {
        send(true, topic, List.of(text), properties);
    }

    /** Sends the messages in one JTA transaction, so that they all become deliverable at once. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void sendTogether(String queue, List<String> texts) throws JMSException {
        send(false, queue, texts, Map.of());
    }

    /** Receives until no message comes within {@code quietMillis}; the texts in the order received. */
    public List<String> receiveAll(String queue, long quietMillis) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (TextMessage m; (m = (TextMessage) consumer.receive(quietMillis)) != null; ) {
                texts.add(m.getText());
            }
        }
        return texts;
    }

    /** Receives until {@code count} messages came, or none came within {@code quietMillis}. */
    public List<String> receive(String queue, int count, long quietMillis) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (TextMessage m; texts.size() < count && (m = (TextMessage) consumer.receive(quietMillis)) != null; ) {
                texts.add(m.getText());
            }
        }
        return texts;
    }

    /** How many messages wait in the queue, ready for delivery. */
    public int browse(String queue) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            return java.util.Collections.list(session.createBrowser(session.createQueue(queue)).getEnumeration()).size();
        }
    }

    private void send(boolean topic, String name, List<String> texts, Map<String, Object> properties) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            Destination to = topic ? session.createTopic(name) : session.createQueue(name);
            MessageProducer producer = session.createProducer(to);
            for (String text : texts) {
                TextMessage message = session.createTextMessage(text);
                for (Map.Entry<String, Object> p : properties.entrySet()) {
                    message.setObjectProperty(p.getKey(), p.getValue());
                }
                producer.send(message);
            }
        }
    }
}
