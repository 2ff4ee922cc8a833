package org.cairnmq.ra;

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
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionInProgressRuntimeException;
import java.io.Serializable;
import org.cairnmq.jms.JmsContext;
import org.cairnmq.jms.JmsSession;

/**
 * A {@link JMSContext} as an application in the EE container sees it: the facade's context working on a
 * pooled session, which it gives back to the pool when it closes.
 *
 * <p>The session mode is the container's business: inside a JTA transaction the context is transacted and
 * its work belongs to the transaction, so {@link #commit} and {@link #rollback} throw
 * {@link TransactionInProgressRuntimeException} and {@link #recover} {@link IllegalStateRuntimeException};
 * outside one it is auto-acknowledging and {@code commit} and {@code rollback} throw
 * {@link IllegalStateRuntimeException}. The calls the container forbids (Jakarta Messaging 3.1, section
 * 12.2, and the {@code JMSContext} Javadoc) throw: {@code setClientID}, {@code setExceptionListener},
 * {@code stop}, {@code createContext}, and, through the facade, message listeners and asynchronous sends.
 */
final class ContextHandle implements JMSContext {
    private final SessionHandle session;
    private final JmsContext context;

    private ContextHandle(SessionHandle session, JmsContext context) {
        this.session = session;
        this.context = context;
    }

    /** A context on the pooled session behind {@code session}; closing the context closes the handle. */
    static ContextHandle open(SessionHandle session) {
        JmsContext context = JmsContext.borrowing(new JmsContext.SessionLender() {
            @Override
            public JmsSession session() throws JMSException {
                return session.physicalSession();
            }

            @Override
            public void giveBack() throws JMSException {
                session.close();
            }
        });
        return new ContextHandle(session, context);
    }

    private boolean inTransaction() {
        checkOpen();
        return session.owner().inTransaction();
    }

    private void checkOpen() {
        if (!session.isOpen()) {
            throw new IllegalStateRuntimeException("The JMSContext is closed");
        }
    }

    /** Always throws: an EE application has one session per connection (see {@code JMSContext.createContext}). */
    @Override
    public JMSContext createContext(int sessionMode) {
        checkOpen();
        throw new JMSRuntimeException("createContext on a JMSContext is not allowed in the Jakarta EE web or EJB "
                + "container: one session per connection");
    }

    @Override
    public JMSProducer createProducer() {
        return context.createProducer();
    }

    @Override
    public String getClientID() {
        checkOpen();
        return null;
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        throw ContainerRules.forbiddenInContext("setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return context.getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        throw ContainerRules.forbiddenInContext("setExceptionListener");
    }

    @Override
    public void start() {
        context.start();
    }

    @Override
    public void stop() {
        checkOpen();
        throw ContainerRules.forbiddenInContext("stop");
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        context.setAutoStart(autoStart);
    }

    @Override
    public boolean getAutoStart() {
        return context.getAutoStart();
    }

    /** Closes what the context made and gives the session back to the pool (it stays with a transaction until it ends). */
    @Override
    public void close() {
        context.close();
    }

    @Override
    public BytesMessage createBytesMessage() {
        return context.createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() {
        return context.createMapMessage();
    }

    @Override
    public Message createMessage() {
        return context.createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return context.createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return context.createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() {
        return context.createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() {
        return context.createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return context.createTextMessage(text);
    }

    /** {@code true} while the context works inside a JTA transaction. */
    @Override
    public boolean getTransacted() {
        return inTransaction();
    }

    /** {@link #SESSION_TRANSACTED} inside a JTA transaction, {@link #AUTO_ACKNOWLEDGE} outside. */
    @Override
    public int getSessionMode() {
        return inTransaction() ? SESSION_TRANSACTED : AUTO_ACKNOWLEDGE;
    }

    @Override
    public void commit() {
        if (inTransaction()) {
            throw new TransactionInProgressRuntimeException("Inside a JTA transaction the transaction manager commits");
        }
        throw new IllegalStateRuntimeException("Not a transacted context: outside a JTA transaction each message counts alone");
    }

    @Override
    public void rollback() {
        if (inTransaction()) {
            throw new TransactionInProgressRuntimeException("Inside a JTA transaction the transaction manager rolls back");
        }
        throw new IllegalStateRuntimeException("Not a transacted context: outside a JTA transaction each message counts alone");
    }

    @Override
    public void recover() {
        // Inside a transaction the deliveries belong to it: only its rollback may give them back.
        if (inTransaction()) {
            throw new IllegalStateRuntimeException("recover() is not allowed inside a JTA transaction");
        }
        context.recover();
    }

    /** Does nothing: in the container a context is never in CLIENT_ACKNOWLEDGE mode. */
    @Override
    public void acknowledge() {
        checkOpen();
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return context.createConsumer(destination);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return context.createConsumer(destination, messageSelector);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return context.createConsumer(destination, messageSelector, noLocal);
    }

    @Override
    public Queue createQueue(String queueName) {
        return context.createQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) {
        return context.createTopic(topicName);
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return context.createDurableConsumer(topic, name);
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return context.createDurableConsumer(topic, name, messageSelector, noLocal);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return context.createSharedDurableConsumer(topic, name);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return context.createSharedDurableConsumer(topic, name, messageSelector);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return context.createSharedConsumer(topic, sharedSubscriptionName);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return context.createSharedConsumer(topic, sharedSubscriptionName, messageSelector);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return context.createBrowser(queue);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return context.createBrowser(queue, messageSelector);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return context.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return context.createTemporaryTopic();
    }

    @Override
    public void unsubscribe(String name) {
        context.unsubscribe(name);
    }
}
