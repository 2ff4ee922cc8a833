package org.cairnmq.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSException;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;
import jakarta.jms.Queue;
import jakarta.jms.QueueSession;
import jakarta.jms.TopicSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.BrokerException;
import org.cairnmq.engine.EngineConnection;
import org.cairnmq.engine.security.Identity;

/**
 * A client's connection to a Cairn broker running in the same JVM. Delivery to consumers begins with
 * {@link #start()}; closing the connection closes its sessions.
 *
 * <p>It belongs to the {@link Identity} its factory authenticated: every message sent through it carries
 * that user's name as {@code JMSXUserID} (none for an anonymous connection). It serves every domain and both
 * kinds of session: the sessions of {@link #createQueueSession} and {@link #createTopicSession} (and their
 * XA twins) keep to their domain, those of {@link #createSession} do not.
 */
public final class JmsConnection implements XAQueueConnection, XATopicConnection {
    private final EngineConnection engine;
    private final Identity identity;
    private final List<JmsSession> sessions = new CopyOnWriteArrayList<>();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile String clientId;
    private volatile boolean clientIdFixed;
    private volatile ExceptionListener exceptionListener;

    JmsConnection(Broker broker, Identity identity) {
        this.engine = broker.connect();
        this.identity = identity;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession(SessionDomain.ANY, transacted, acknowledgeMode, false);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession(SessionDomain.QUEUE, transacted, acknowledgeMode, false);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession(SessionDomain.TOPIC, transacted, acknowledgeMode, false);
    }

    // XA work happens between XAResource.start and end; outside a branch the session acknowledges each message.
    @Override
    public XASession createXASession() throws JMSException {
        return newSession(SessionDomain.ANY, false, Session.AUTO_ACKNOWLEDGE, true);
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return newSession(SessionDomain.QUEUE, false, Session.AUTO_ACKNOWLEDGE, true);
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return newSession(SessionDomain.TOPIC, false, Session.AUTO_ACKNOWLEDGE, true);
    }

    private JmsSession newSession(SessionDomain domain, boolean transacted, int acknowledgeMode, boolean xa)
            throws JMSException {
        checkOpen();
        clientIdFixed = true;
        if (!transacted && (acknowledgeMode < Session.AUTO_ACKNOWLEDGE
                || acknowledgeMode > Session.DUPS_OK_ACKNOWLEDGE)) {
            throw new JMSException("Not an acknowledgement mode: " + acknowledgeMode);
        }
        JmsSession session = new JmsSession(this, engine.createSession(transacted, started), domain, transacted,
                acknowledgeMode, xa);
        sessions.add(session);
        return session;
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String selector, ServerSessionPool pool,
            int maxMessages) throws JMSException {
        throw JmsExceptions.unsupported("Connection consumers (application server facility)");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String selector, ServerSessionPool pool,
            int maxMessages) throws JMSException {
        throw JmsExceptions.unsupported("Connection consumers (application server facility)");
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return clientId;
    }

    @Override
    public void setClientID(String id) throws JMSException {
        checkOpen();
        if (clientIdFixed) {
            throw new jakarta.jms.IllegalStateException("The client ID can only be set before the connection is used");
        }
        try {
            engine.setClientId(id);
        } catch (BrokerException e) {
            throw JmsExceptions.of(e);
        }
        clientId = id;
        clientIdFixed = true;
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        clientIdFixed = true;
        return new JmsConnectionMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        clientIdFixed = true;
        exceptionListener = listener;
        // The store is the connection's only remote part: its outages are what the listener hears of.
        engine.onStoreOutage(listener == null ? null : failure -> listener.onException(JmsExceptions.of(failure)));
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
        clientIdFixed = true;
        started = true;
        sessions.forEach(JmsSession::start);
    }

    @Override
    public void stop() throws JMSException {
        checkOpen();
        refuseInOwnListener("stop");
        clientIdFixed = true;
        started = false;
        sessions.forEach(JmsSession::stop);
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        refuseInOwnListener("close");
        for (JmsSession session : sessions) {
            session.close();
        }
        engine.close();
        closed = true;
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String selector,
            ServerSessionPool pool, int maxMessages) throws JMSException {
        throw JmsExceptions.unsupported("Connection consumers (application server facility)");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String name, String selector,
            ServerSessionPool pool, int maxMessages) throws JMSException {
        throw JmsExceptions.unsupported("Connection consumers (application server facility)");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String name, String selector,
            ServerSessionPool pool, int maxMessages) throws JMSException {
        throw JmsExceptions.unsupported("Connection consumers (application server facility)");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String name, String selector,
            ServerSessionPool pool, int maxMessages) throws JMSException {
        throw JmsExceptions.unsupported("Connection consumers (application server facility)");
    }

    // Section 6.1.5 and 6.1.8: waiting for one's own listener to return would never end.
    private void refuseInOwnListener(String operation) throws jakarta.jms.IllegalStateException {
        for (JmsSession session : sessions) {
            if (session.inCallback()) {
                throw new jakarta.jms.IllegalStateException(
                        "Connection." + operation + " is not allowed in a listener of its own connection");
            }
        }
    }

    EngineConnection engine() {
        return engine;
    }

    /** Who opened the connection, as its factory's authenticator said. */
    Identity identity() {
        return identity;
    }

    void forget(JmsSession session) {
        sessions.remove(session);
    }

    void checkOpen() throws JMSException {
        if (closed) {
            throw JmsExceptions.closed("Connection");
        }
    }
}
