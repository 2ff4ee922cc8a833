package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.JMSRuntimeException;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.security.Authenticator;

/**
 * Opens XA connections to a broker running in this JVM, for a transaction manager of the application's
 * own in Java SE. Each {@code XASession.getXAResource()} joins the broker's resource manager: prepared
 * branches are kept in the store and answer {@code recover()} after a restart.
 */
public final class JmsXAConnectionFactory implements XAConnectionFactory {
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
    public XAJMSContext createXAContext() {
        throw new JMSRuntimeException("XAJMSContext is not implemented yet in Cairn (see docs/conformance.md)");
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        return createXAContext();
    }
}
