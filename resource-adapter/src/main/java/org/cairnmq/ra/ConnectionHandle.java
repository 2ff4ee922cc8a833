package org.cairnmq.ra;

import jakarta.jms.Connection;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cairnmq.jms.JmsConnectionMetaData;

/**
 * A connection as an application in the EE container sees it: its session comes from the server's pool,
 * and the calls Jakarta Messaging forbids there (section 12.2) throw {@link IllegalStateException}. As the
 * specification asks of EE applications, a connection has one active session at a time.
 */
final class ConnectionHandle implements QueueConnection, TopicConnection {
    private final CairnManagedConnectionFactory managedFactory;
    private final ConnectionManager manager;
    private final SessionRequest request;
    private final List<SessionHandle> sessions = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    ConnectionHandle(CairnManagedConnectionFactory managedFactory, ConnectionManager manager, SessionRequest request) {
        this.managedFactory = managedFactory;
        this.manager = manager;
        this.request = request;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        // In the EE container the arguments are ignored: the session joins the caller's transaction if any,
        // and is non-transacted and auto-acknowledging outside one.
        checkOpen();
        if (sessions.stream().anyMatch(SessionHandle::isOpen)) {
            throw new IllegalStateException(
                    "This connection has an active session; the Jakarta EE container allows one per connection");
        }
        sessions.removeIf(session -> !session.isOpen());
        try {
            SessionHandle session = (SessionHandle) manager.allocateConnection(managedFactory, request);
            sessions.add(session);
            return session;
        } catch (ResourceException e) {
            JMSException jms = new JMSException("Cannot get a pooled Cairn session: " + e.getMessage());
            jms.setLinkedException(e);
            jms.initCause(e);
            throw jms;
        }
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String selector, ServerSessionPool pool,
            int maxMessages) throws JMSException {
        throw ContainerRules.forbidden("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String selector, ServerSessionPool pool,
            int maxMessages) throws JMSException {
        throw ContainerRules.forbidden("createConnectionConsumer");
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(false, sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setClientID(String clientId) throws JMSException {
        throw ContainerRules.forbidden("setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return new JmsConnectionMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        throw ContainerRules.forbidden("setExceptionListener");
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
    }

    @Override
    public void stop() throws JMSException {
        throw ContainerRules.forbidden("stop");
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        for (SessionHandle session : sessions) {
            session.close();
        }
        sessions.clear();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String selector,
            ServerSessionPool pool, int maxMessages) throws JMSException {
        throw ContainerRules.forbidden("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String name, String selector,
            ServerSessionPool pool, int maxMessages) throws JMSException {
        throw ContainerRules.forbidden("createSharedConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String name, String selector,
            ServerSessionPool pool, int maxMessages) throws JMSException {
        throw ContainerRules.forbidden("createDurableConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String name, String selector,
            ServerSessionPool pool, int maxMessages) throws JMSException {
        throw ContainerRules.forbidden("createSharedDurableConnectionConsumer");
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("Connection is closed");
        }
    }

}
