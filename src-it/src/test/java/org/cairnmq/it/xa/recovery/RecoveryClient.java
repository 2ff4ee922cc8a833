package org.cairnmq.it.xa.recovery;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/** Receives from a Cairn queue outside any transaction, for the steps after the restart. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecoveryClient {
    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory connectionFactory;

    /** @return the next message's text, or null if none arrives in time */
    public String receive(String queue, long timeoutMillis) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            TextMessage message = (TextMessage) session.createConsumer(session.createQueue(queue)).receive(timeoutMillis);
            return message == null ? null : message.getText();
        }
    }

    public void send(String queue, String text) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
        }
    }
}
