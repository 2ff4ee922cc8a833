package org.cairnmq.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.util.Arrays;
import java.util.Objects;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.security.AuthenticationFailedException;
import org.cairnmq.engine.security.Authenticator;
import org.cairnmq.engine.security.Identity;

/**
 * Opens connections to a broker running in this JVM. In Java SE get one from
 * {@link org.cairnmq.embedded.EmbeddedBroker}; in an application server, use the pooled factory the
 * resource adapter binds in JNDI instead.
 *
 * <p>Each new connection is first checked by the factory's {@link Authenticator}: refused credentials raise
 * {@link JMSSecurityException} ({@code JMSSecurityRuntimeException} from {@code createContext}). The methods
 * without a user name ask for an anonymous connection.
 */
public final class JmsConnectionFactory implements ConnectionFactory, QueueConnectionFactory,
        TopicConnectionFactory {
    private final Broker broker;
    private final Authenticator authenticator;

    /** A factory for connections to the given broker that accepts any credentials, or none. */
    public JmsConnectionFactory(Broker broker) {
        this(broker, Authenticator.allowAll());
    }

    /** A factory for connections to the given broker, for those whom the authenticator accepts. */
    public JmsConnectionFactory(Broker broker, Authenticator authenticator) {
        this.broker = broker;
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    @Override
    public Connection createConnection() throws JMSException {
        return connect(null, null);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return connect(userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return connect(null, null);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return connect(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return connect(null, null);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return connect(userName, password);
    }

    /** A new connection for the user, once the authenticator accepted them. */
    JmsConnection connect(String userName, String password) throws JMSException {
        return new JmsConnection(broker, authenticate(userName, password));
    }

    /** Asks the authenticator; {@code userName == null} asks for an anonymous connection. */
    private Identity authenticate(String userName, String password) throws JMSSecurityException {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            return authenticator.authenticate(userName, secret);
        } catch (AuthenticationFailedException e) {
            JMSSecurityException security = new JMSSecurityException(e.getMessage());
            security.setLinkedException(e);
            security.initCause(e);
            throw security;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** A context over a new connection for the given user, once the authenticator accepted them. */
    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return JmsContext.open(() -> connect(userName, password), sessionMode);
    }

    /** A context over a new anonymous connection, in one of the four session modes. */
    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(null, null, sessionMode);
    }
}
