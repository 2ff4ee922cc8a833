package org.cairnmq.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import org.cairnmq.engine.Broker;

/**
 * Opens connections to a broker running in this JVM. In Java SE get one from
 * {@link org.cairnmq.embedded.EmbeddedBroker}; in an application server, use the pooled factory the
 * resource adapter binds in JNDI instead.
 */
public final class JmsConnectionFactory implements ConnectionFactory {
    private final Broker broker;

    /** A factory for connections to the given broker. */
    public JmsConnectionFactory(Broker broker) {
        this.broker = broker;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return new JmsConnection(broker);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return createConnection();
    }

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return createContext(sessionMode);
    }

    /** A context over a new connection, in one of the four session modes. */
    @Override
    public JMSContext createContext(int sessionMode) {
        return JmsContext.open(this, sessionMode);
    }
}
