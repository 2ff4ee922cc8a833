package org.cairnmq.it.support;

import jakarta.annotation.Resource;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * A message-driven bean that forwards the text of each message it receives to the queue
 * {@code results.<bean class>}, in the bean's transaction (container-managed, REQUIRED): a message is
 * consumed exactly when its forward is sent, so the results queue shows what the bean processed, across
 * deployments and undeployments of the bean.
 */
public abstract class ForwardingListener implements MessageListener {
    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Override
    public void onMessage(Message message) {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            String text = ((TextMessage) message).getText();
            session.createProducer(session.createQueue(Results.queueOf(getClass().getSimpleName()))).send(session.createTextMessage(text));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
