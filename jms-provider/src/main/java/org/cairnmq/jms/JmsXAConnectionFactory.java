package org.cairnmq.jms;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.TopicConnection;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.security.Authenticator;

/**
 * Opens XA connections and XA contexts to a broker running in this JVM, for a transaction manager of the
 * application's own in Java SE. Each {@code XASession.getXAResource()} (and
 * {@code XAJMSContext.getXAResource()}) joins the broker's resource manager: prepared branches are kept in
 * the store and answer {@code recover()} after a restart.
 *
 * <p>It is also a queue and a topic XA factory, and opens ordinary connections and contexts as well, as
 * {@code XAQueueConnectionFactory} and {@code XATopicConnectionFactory} require; credentials are checked
 * as by {@link JmsConnectionFactory}.
 */
public final class JmsXAConnectionFactory implements XAQueueConnectionFactory, XATopicConnectionFactory {
    private final JmsConnectionFactory connections;

    /** A factory for XA connections to the given broker, open to everyone. */
    public JmsXAConnectionFactory(Broker broker) {
        this(broker, Authenticator.allowAll());
    }

    /** A factory for XA connections to the given broker, for those whom the authenticator accepts. */
    public JmsXAConnectionFactory(Broker broker, Authenticator authenticator) {
        this.connections = new JmsConnectionFactory(broker, authenticator);
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        return connections.connect(null, null);
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return connections.connect(userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        return connections.connect(null, null);
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return connections.connect(userName, password);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return connections.connect(null, null);
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return connections.connect(userName, password);
    }

    @Override
    public XAJMSContext createXAContext() {
        return createXAContext(null, null);
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        return JmsXAContext.open(() -> connections.connect(userName, password));
    }

    @Override
    public Connection createConnection() throws JMSException {
        return connections.createConnection();
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return connections.createConnection(userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return connections.createQueueConnection();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return connections.createQueueConnection(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return connections.createTopicConnection();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return connections.createTopicConnection(userName, password);
    }

    @Override
    public JMSContext createContext() {
        return connections.createContext();
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return connections.createContext(userName, password);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return connections.createContext(userName, password, sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return connections.createContext(sessionMode);
    }
}
