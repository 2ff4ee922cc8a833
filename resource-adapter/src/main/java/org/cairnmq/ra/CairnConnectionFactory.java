package org.cairnmq.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import java.util.Arrays;
import javax.naming.Reference;
import org.cairnmq.engine.security.AuthenticationFailedException;

/**
 * The connection factory applications look up in JNDI ({@code java:/jms/cairn/ConnectionFactory}).
 * Its connections and contexts take their sessions from the server's pool and join the caller's transaction.
 *
 * <p>A user name and password are checked against the server's security domain (the adapter's
 * {@code SecurityDomain} property); refused ones raise {@link JMSSecurityException}
 * ({@link JMSSecurityRuntimeException} from {@code createContext}). Without a user name the connection is
 * anonymous, if the adapter's {@code AllowAnonymous} property allows it. Messages sent by an authenticated
 * connection carry the user's name as {@code JMSXUserID}.
 */
public final class CairnConnectionFactory
        implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, Referenceable, Serializable {
    private static final long serialVersionUID = 1L;

    private final CairnManagedConnectionFactory managedFactory;
    private final transient ConnectionManager manager;
    private Reference reference;

    CairnConnectionFactory(CairnManagedConnectionFactory managedFactory, ConnectionManager manager) {
        this.managedFactory = managedFactory;
        this.manager = manager;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return createConnection(null, null);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return new ConnectionHandle(managedFactory, manager, authenticate(userName, password));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return (QueueConnection) createConnection();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return (QueueConnection) createConnection(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return (TopicConnection) createConnection();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return (TopicConnection) createConnection(userName, password);
    }

    @Override
    public JMSContext createContext() {
        return createContext(null, null, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    /**
     * A context over a pooled session. The session mode is ignored, as in every Jakarta EE container: the
     * context's work joins the caller's JTA transaction if there is one, and is auto-acknowledged outside one.
     */
    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        SessionRequest request;
        try {
            request = authenticate(userName, password);
        } catch (JMSSecurityException e) {
            throw new JMSSecurityRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        try {
            return ContextHandle.open((SessionHandle) manager.allocateConnection(managedFactory, request));
        } catch (ResourceException e) {
            throw new JMSRuntimeException("Cannot get a pooled Cairn session: " + e.getMessage(), null, e);
        }
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(null, null, sessionMode);
    }

    private SessionRequest authenticate(String userName, String password) throws JMSSecurityException {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            return new SessionRequest(managedFactory.adapter().authenticator().authenticate(userName, secret));
        } catch (AuthenticationFailedException e) {
            throw securityException(e.getMessage(), e);
        } catch (ResourceException e) {
            throw securityException("Cannot authenticate: " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static JMSSecurityException securityException(String message, Exception cause) {
        JMSSecurityException security = new JMSSecurityException(message);
        security.setLinkedException(cause);
        security.initCause(cause);
        return security;
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
