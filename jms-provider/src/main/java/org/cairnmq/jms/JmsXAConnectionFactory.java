package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.JMSRuntimeException;
import org.cairnmq.engine.Broker;

/**
 * Opens XA connections to a broker running in this JVM, for a transaction manager of the application's
 * own in Java SE. Each {@code XASession.getXAResource()} joins the broker's resource manager: prepared
 * branches are kept in the store and answer {@code recover()} after a restart.
 */
public final class JmsXAConnectionFactory implements XAConnectionFactory {
    private final Broker broker;

    public JmsXAConnectionFactory(Broker broker) {
        this.broker = broker;
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        return new JmsConnection(broker);
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return createXAConnection();
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
