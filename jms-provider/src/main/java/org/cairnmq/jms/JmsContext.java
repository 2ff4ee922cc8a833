package org.cairnmq.jms;

import static org.cairnmq.jms.JmsExceptions.unchecked;
import static org.cairnmq.jms.JmsExceptions.uncheckedRun;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cairnmq.engine.BrokerException;
import org.cairnmq.jms.ContextCallbacks.Kind;

/**
 * The simplified API over the classic one: a {@link JmsConnection} and one {@link JmsSession}, with checked
 * exceptions turned into their unchecked twins ({@link JmsExceptions#runtime}). The session is opened on
 * first use, so that {@link #setClientID} can come first. Contexts made with {@link #createContext(int)}
 * share the connection, which closes with the last of them.
 *
 * <p>Like a session, a context is for one thread at a time; {@link #close()} may come from any thread, but
 * not from one of the context's own message or completion listeners.
 *
 * <p>{@link JmsXAContext} is the one kind of context beside it: the same context over an XA session.
 *
 * <p>A context can also work on a session it does not own, lent by an application server's pool
 * ({@link #borrowing}): closing it closes only what it made on the session and gives the session back.
 * The server owns the threads there, so such a context refuses message listeners and asynchronous sends
 * (Jakarta Messaging 3.1, section 12.2).
 */
public sealed class JmsContext implements JMSContext permits JmsXAContext {
    private final SharedConnection shared;
    private final int sessionMode;
    private final Object lock = new Object();
    private JmsSession session;
    /** The anonymous producer that every {@link JmsProducer} of this context sends with. */
    private JmsMessageProducer producer;
    private volatile boolean autoStart = true;
    private volatile boolean closed;
    /** The lender of the session, or {@code null} when the context opens and owns its session. */
    private final SessionLender lender;
    /** The consumers made on a lent session, closed with the context; unused for a session of its own. */
    private final List<JmsConsumer> lentConsumers = new CopyOnWriteArrayList<>();

    JmsContext(SharedConnection shared, int sessionMode) {
        this(shared, sessionMode, null);
    }

    private JmsContext(SharedConnection shared, int sessionMode, SessionLender lender) {
        this.shared = shared;
        this.sessionMode = sessionMode;
        this.lender = lender;
    }

    /**
     * Lends a context's session: an application server's pool, which may move the context to another pooled
     * session between transactions, so it is asked for the session at each use.
     */
    public interface SessionLender {
        /** The session the context works on now; called on the context's thread. */
        JmsSession session() throws JMSException;

        /** Called once, when the context closes, after it closed what it made on the session. */
        void giveBack() throws JMSException;
    }

    /**
     * A context on a session lent by {@code lender}, non-transacted and auto-acknowledging as far as the
     * context knows (the lender may make the session's work part of a transaction of its own).
     */
    public static JmsContext borrowing(SessionLender lender) {
        JmsSession first = unchecked(lender::session);
        SharedConnection shared = new SharedConnection(first.connection(), lender::giveBack);
        return new JmsContext(shared, AUTO_ACKNOWLEDGE, lender);
    }

    /** Whether listeners and completion listeners may run; not on a lent session, whose threads a server owns. */
    boolean allowsCallbacks() {
        return lender == null;
    }

    void consumerClosed(JmsConsumer consumer) {
        lentConsumers.remove(consumer);
    }

    /** A context over a new connection, which it owns; the mode is checked before connecting. */
    static JmsContext open(JmsExceptions.Call<JmsConnection> connect, int sessionMode) {
        checkSessionMode(sessionMode);
        return new JmsContext(new SharedConnection(unchecked(connect)), sessionMode);
    }

    /** Opens the context's session on its connection; {@link JmsXAContext} opens an XA session. */
    JmsSession openSession(JmsConnection connection) throws JMSException {
        return (JmsSession) connection.createSession(sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        checkOpen();
        if (lender != null) {
            throw new JMSRuntimeException("A context on a pooled session cannot create another: one session per connection");
        }
        checkSessionMode(sessionMode);
        shared.retain();
        return new JmsContext(shared, sessionMode);
    }

    @Override
    public JMSProducer createProducer() {
        session();
        return new JmsProducer(this);
    }

    @Override
    public String getClientID() {
        checkOpen();
        return unchecked(shared.connection()::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        uncheckedRun(() -> shared.connection().setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return unchecked(shared.connection()::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return unchecked(shared.connection()::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        uncheckedRun(() -> shared.connection().setExceptionListener(listener));
    }

    @Override
    public void start() {
        checkOpen();
        uncheckedRun(shared.connection()::start);
    }

    /**
     * @throws IllegalStateRuntimeException when called from a message listener of a context on the same
     *                                      connection, which would wait for itself
     */
    @Override
    public void stop() {
        checkOpen();
        ContextCallbacks.Running running = ContextCallbacks.current();
        if (running != null && running.kind() == Kind.MESSAGE_LISTENER && running.context().shared == shared) {
            throw new IllegalStateRuntimeException("A MessageListener must not stop its own JMSContext's connection");
        }
        uncheckedRun(shared.connection()::stop);
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        return autoStart;
    }

    /**
     * Closes the session, and the connection if no other context uses it.
     *
     * @throws IllegalStateRuntimeException when called from one of this context's message or completion
     *                                      listeners
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        ContextCallbacks.Running running = ContextCallbacks.current();
        if (running != null && running.context() == this) {
            throw new IllegalStateRuntimeException("A " + (running.kind() == Kind.MESSAGE_LISTENER
                    ? "MessageListener" : "CompletionListener") + " must not close its own JMSContext");
        }
        JmsSession toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = session;
        }
        try {
            if (lender != null) {
                closeWhatWasMadeOnLentSession();
            } else if (toClose != null) {
                uncheckedRun(toClose::close);
            }
        } finally {
            shared.release();
        }
    }

    @Override
    public BytesMessage createBytesMessage() {
        return unchecked(session()::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage() {
        return unchecked(session()::createMapMessage);
    }

    @Override
    public Message createMessage() {
        return unchecked(session()::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return unchecked(session()::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return unchecked(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return unchecked(session()::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage() {
        return unchecked(session()::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return unchecked(() -> session().createTextMessage(text));
    }

    @Override
    public boolean getTransacted() {
        checkOpen();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        refuseInCompletionListener("commit");
        uncheckedRun(session()::commit);
    }

    @Override
    public void rollback() {
        refuseInCompletionListener("roll back");
        uncheckedRun(session()::rollback);
    }

    @Override
    public void recover() {
        uncheckedRun(session()::recover);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(() -> session().createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public Queue createQueue(String queueName) {
        return unchecked(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return unchecked(() -> session().createTopic(topicName));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return unchecked(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return unchecked(() -> session().createBrowser(queue, messageSelector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return unchecked(session()::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return unchecked(session()::createTemporaryTopic);
    }

    @Override
    public void unsubscribe(String name) {
        uncheckedRun(() -> session().unsubscribe(name));
    }

    /** Acknowledges every message the session has received; does nothing unless in CLIENT_ACKNOWLEDGE mode. */
    @Override
    public void acknowledge() {
        JmsSession current;
        synchronized (lock) {
            checkOpen();
            current = session;
        }
        if (current == null || sessionMode != CLIENT_ACKNOWLEDGE) {
            return;
        }
        uncheckedRun(() -> {
            current.checkOpen();
            try {
                current.engine().acknowledgeAll();
            } catch (BrokerException e) {
                throw JmsExceptions.of(e);
            }
        });
    }

    /** The session, opened on first use. */
    JmsSession session() {
        synchronized (lock) {
            checkOpen();
            if (lender != null) {
                return lentSession();
            }
            if (session == null) {
                session = unchecked(() -> openSession(shared.connection()));
            }
            return session;
        }
    }

    JmsMessageProducer producer() {
        synchronized (lock) {
            if (lender != null) {
                lentSession();
            }
            if (producer == null) {
                producer = (JmsMessageProducer) unchecked(() -> session().createProducer(null));
            }
            return producer;
        }
    }

    int sessionMode() {
        return sessionMode;
    }

    JmsConnection connection() {
        return shared.connection();
    }

    private JMSConsumer consumer(JmsExceptions.Call<MessageConsumer> create) {
        JmsConsumer consumer = new JmsConsumer(this, unchecked(create));
        if (lender != null) {
            lentConsumers.add(consumer);
        }
        if (autoStart) {
            uncheckedRun(shared.connection()::start);
        }
        return consumer;
    }

    /* The lender's session now; if the pool moved the context to another one, the old producer stays behind. */
    private JmsSession lentSession() {
        JmsSession current = unchecked(lender::session);
        if (current != session) {
            closeProducer();
            session = current;
        }
        return current;
    }

    private void closeWhatWasMadeOnLentSession() {
        synchronized (lock) {
            closeProducer();
        }
        for (JmsConsumer consumer : lentConsumers) {
            consumer.close();
        }
        lentConsumers.clear();
    }

    private void closeProducer() {
        if (producer != null) {
            JmsMessageProducer old = producer;
            producer = null;
            uncheckedRun(old::close);
        }
    }

    private void refuseInCompletionListener(String what) {
        ContextCallbacks.Running running = ContextCallbacks.current();
        if (running != null && running.context() == this && running.kind() == Kind.COMPLETION_LISTENER) {
            throw new IllegalStateRuntimeException("A CompletionListener must not " + what + " its own JMSContext");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("The JMSContext is closed");
        }
    }

    private static void checkSessionMode(int mode) {
        if (mode != SESSION_TRANSACTED && mode != AUTO_ACKNOWLEDGE && mode != CLIENT_ACKNOWLEDGE
                && mode != DUPS_OK_ACKNOWLEDGE) {
            throw new JMSRuntimeException("Not a session mode: " + mode);
        }
    }
}
