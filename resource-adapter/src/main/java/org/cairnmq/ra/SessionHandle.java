package org.cairnmq.ra;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionInProgressException;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cairnmq.jms.JmsSession;

/**
 * What the application holds of a pooled session. Closing it returns the session to the pool, closing
 * the producers and consumers made through it; after that every call throws.
 *
 * <p>Inside a JTA transaction the session's sends and receipts belong to the transaction, and
 * {@link #commit}, {@link #rollback} and {@link #recover} are the transaction manager's business; outside
 * one the session is non-transacted and auto-acknowledging, whatever {@code createSession} was given. The
 * calls the EE container forbids (Jakarta Messaging 3.1, section 12.2) throw {@link IllegalStateException}.
 */
final class SessionHandle implements QueueSession, TopicSession {
    private volatile CairnManagedConnection owner;
    private final List<ProducerHandle> producers = new CopyOnWriteArrayList<>();
    private final List<ConsumerHandle> consumers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    SessionHandle(CairnManagedConnection owner) {
        this.owner = owner;
    }

    CairnManagedConnection owner() {
        return owner;
    }

    void moveTo(CairnManagedConnection newOwner) {
        owner = newOwner;
    }

    boolean isOpen() {
        return !closed;
    }

    /** The pool reclaimed the session: this handle is dead. */
    void invalidate() {
        closed = true;
    }

    /** The pooled physical session this handle stands for now; throws once the handle is closed. */
    JmsSession physicalSession() throws IllegalStateException {
        return session();
    }

    private JmsSession session() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("Session is closed");
        }
        return owner.physicalSession();
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        for (ConsumerHandle consumer : consumers) {
            consumer.close();
        }
        for (ProducerHandle producer : producers) {
            producer.close();
        }
        closed = true;
        owner.handleClosed(this);
    }

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        return session().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        return session().createMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        return session().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        return session().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        return session().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        return session().createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        return session().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        return session().createTextMessage(text);
    }

    /** {@code true} while the session works inside a JTA transaction. */
    @Override
    public boolean getTransacted() throws JMSException {
        session();
        return owner.inTransaction();
    }

    /** {@link #SESSION_TRANSACTED} inside a JTA transaction, {@link #AUTO_ACKNOWLEDGE} outside. */
    @Override
    public int getAcknowledgeMode() throws JMSException {
        session();
        return owner.inTransaction() ? SESSION_TRANSACTED : AUTO_ACKNOWLEDGE;
    }

    @Override
    public void commit() throws JMSException {
        session();
        if (owner.inTransaction()) {
            throw new TransactionInProgressException("Inside a JTA transaction the transaction manager commits");
        }
        throw new IllegalStateException("Not a transacted session: outside a JTA transaction each message counts alone");
    }

    @Override
    public void rollback() throws JMSException {
        session();
        if (owner.inTransaction()) {
            throw new TransactionInProgressException("Inside a JTA transaction the transaction manager rolls back");
        }
        throw new IllegalStateException("Not a transacted session: outside a JTA transaction each message counts alone");
    }

    @Override
    public void recover() throws JMSException {
        JmsSession session = session();
        // Inside a transaction the deliveries belong to it: only its rollback may give them back.
        if (owner.inTransaction()) {
            throw new IllegalStateException("recover() is not allowed inside a JTA transaction");
        }
        session.recover();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw ContainerRules.forbidden("getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw ContainerRules.forbidden("setMessageListener");
    }

    @Override
    public void run() {
        throw new IllegalStateRuntimeException("Session.run is not allowed in the Jakarta EE web or EJB container");
    }

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        ProducerHandle producer = new ProducerHandle(session().createProducer(destination));
        producers.add(producer);
        return producer;
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return track(session().createConsumer(queue));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String selector) throws JMSException {
        return track(session().createConsumer(queue, selector));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return track(session().createConsumer(topic));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String selector, boolean noLocal) throws JMSException {
        return track(session().createConsumer(topic, selector, noLocal));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return track(session().createConsumer(destination));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector) throws JMSException {
        return track(session().createConsumer(destination, selector));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector, boolean noLocal)
            throws JMSException {
        return track(session().createConsumer(destination, selector, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name) throws JMSException {
        return track(session().createSharedConsumer(topic, name));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name, String selector) throws JMSException {
        return track(session().createSharedConsumer(topic, name, selector));
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        return session().createQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        return session().createTopic(topicName);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return track(session().createDurableSubscriber(topic, name));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        return track(session().createDurableSubscriber(topic, name, selector, noLocal));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return track(session().createDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        return track(session().createDurableConsumer(topic, name, selector, noLocal));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return track(session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String selector)
            throws JMSException {
        return track(session().createSharedDurableConsumer(topic, name, selector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return session().createBrowser(queue);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        return session().createBrowser(queue, selector);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        return session().createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        return session().createTemporaryTopic();
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        session().unsubscribe(name);
    }

    private ConsumerHandle track(MessageConsumer consumer) {
        ConsumerHandle handle = new ConsumerHandle(consumer);
        consumers.add(handle);
        return handle;
    }

}
