package org.cairnmq.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XATopicSession;
import javax.transaction.xa.XAResource;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cairnmq.engine.BrokerException;
import org.cairnmq.engine.DestinationAddress;
import org.cairnmq.selector.Selector;
import org.cairnmq.selector.SelectorSyntaxException;
import org.cairnmq.engine.EngineSession;
import org.cairnmq.engine.QueuedMessage;

/**
 * A single-threaded context for producing and consuming messages, in one of the four acknowledgement
 * modes. Transacted sessions commit their sends and receipts together.
 *
 * <p>One class serves every kind of session. A session of the JMS 1.0 queue or topic domain refuses the
 * other domain's methods ({@link SessionDomain}). An XA session ({@code createXASession}) counts as
 * transacted: its work is committed through its {@code XAResource}, so {@code commit} and {@code rollback}
 * throw {@code TransactionInProgressException}; outside a branch it acknowledges each message, as an
 * application server expects of a session used with no transaction.
 */
public final class JmsSession implements QueueSession, TopicSession, XAQueueSession, XATopicSession {
    private final JmsConnection connection;
    private final EngineSession engine;
    private final SessionDomain domain;
    private final boolean transacted;
    private final boolean xa;
    /** How received messages are acknowledged outside a transaction (also in an XA session). */
    private final int acknowledgeMode;
    private final List<JmsMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final List<JmsMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final SessionCallbacks callbacks = new SessionCallbacks();
    private XAResource xaResource;
    private volatile boolean closed;

    JmsSession(JmsConnection connection, EngineSession engine, SessionDomain domain, boolean transacted,
            int acknowledgeMode, boolean xa) {
        this.connection = connection;
        this.engine = engine;
        this.domain = domain;
        this.transacted = transacted;
        this.xa = xa;
        this.acknowledgeMode = transacted ? SESSION_TRANSACTED : acknowledgeMode;
    }

    EngineSession engine() {
        return engine;
    }

    JmsConnection connection() {
        return connection;
    }

    /** The authenticated user whose name the session's sends carry as {@code JMSXUserID}; null if anonymous. */
    String sendingUser() {
        return connection.identity().user();
    }

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new JmsBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new JmsMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new JmsMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new JmsObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        ObjectMessage message = createObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new JmsStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new JmsTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        TextMessage message = createTextMessage();
        message.setText(text);
        return message;
    }

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return transacted || xa;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return xa ? SESSION_TRANSACTED : acknowledgeMode;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        callbacks.refuseInCompletionListener("commit");
        callbacks.awaitPendingSends();
        checkLocallyTransacted();
        try {
            engine.commit(true);
        } catch (BrokerException e) {
            throw rolledBack(e, true);
        }
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        callbacks.refuseInCompletionListener("rollback");
        callbacks.awaitPendingSends();
        checkLocallyTransacted();
        engine.rollback(true);
    }

    /**
     * A commit failed and wrote nothing (or, if the store failed during its own commit, possibly all):
     * the transaction is rolled back, so its deliveries come again, and the application is told so.
     */
    private JMSException rolledBack(BrokerException failure, boolean keepTransaction) {
        engine.rollback(keepTransaction);
        TransactionRolledBackException e = new TransactionRolledBackException(
                "Commit failed, rolled back: " + failure.getMessage());
        e.setLinkedException(failure);
        e.initCause(failure);
        return e;
    }

    /** Commit and rollback are for transacted sessions; an XA session's transaction is not its own. */
    private void checkLocallyTransacted() throws JMSException {
        if (xa) {
            throw new TransactionInProgressException(
                    "An XA session's work is committed or rolled back through its XAResource");
        }
        if (!transacted) {
            throw new jakarta.jms.IllegalStateException("Not a transacted session");
        }
    }

    @Override
    public void close() throws JMSException {
        callbacks.refuseInCompletionListener("close");
        if (closed) {
            return;
        }
        if (callbacks.inCallback()) {
            throw new jakarta.jms.IllegalStateException("A message listener must not close its own session");
        }
        callbacks.awaitPendingSends();
        closed = true;
        for (JmsMessageConsumer consumer : consumers) {
            consumer.close();
        }
        producers.forEach(JmsMessageProducer::close);
        engine.stop(false);
        engine.close();
        connection.forget(this);
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (transacted || xa) {
            throw new jakarta.jms.IllegalStateException("recover() is for non-transacted sessions");
        }
        engine.recover();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw JmsExceptions.unsupported("Session message listeners (application server facility)");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw JmsExceptions.unsupported("Session message listeners (application server facility)");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("Session.run is an application server facility");
    }

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        if (destination != null) {
            Destinations.address(destination);
        }
        JmsMessageProducer producer = new JmsMessageProducer(this, destination);
        producers.add(producer);
        return producer;
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector) throws JMSException {
        return createConsumer(destination, selector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector, boolean noLocal)
            throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new InvalidDestinationException("No destination given");
        }
        DestinationAddress from = Destinations.address(destination);
        Selector parsed = parseSelector(selector);
        return register(destination, noLocal, parsed, () -> engine.createConsumer(from, parsed, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name, String selector) throws JMSException {
        domain.checkTopicMethod("createSharedConsumer");
        checkOpen();
        String topicName = topicName(topic);
        checkSubscriptionName(name);
        Selector parsed = parseSelector(selector);
        return register(topic, false, parsed, () -> engine.createSharedConsumer(topicName, name, parsed));
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        domain.checkQueueMethod("createQueue");
        checkOpen();
        Destinations.checkName("A queue name", queueName);
        return new JmsQueue(queueName);
    }

    @Override
    public Session getSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        domain.checkQueueMethod("getQueueSession");
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        domain.checkTopicMethod("getTopicSession");
        checkOpen();
        return this;
    }

    @Override
    public synchronized XAResource getXAResource() {
        if (xaResource == null) {
            xaResource = engine.xaResource();
        }
        return xaResource;
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return createReceiver(queue, null);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String selector) throws JMSException {
        domain.checkQueueMethod("createReceiver");
        return (QueueReceiver) createConsumer(queue, selector);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        domain.checkQueueMethod("createSender");
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return createSubscriber(topic, null, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String selector, boolean noLocal) throws JMSException {
        domain.checkTopicMethod("createSubscriber");
        return (TopicSubscriber) createConsumer(topic, selector, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        domain.checkTopicMethod("createPublisher");
        return (TopicPublisher) createProducer(topic);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        domain.checkTopicMethod("createTopic");
        checkOpen();
        Destinations.checkName("A topic name", topicName);
        return new JmsTopic(topicName);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        domain.checkTopicMethod("createDurableSubscriber");
        return durable(topic, name, selector, noLocal, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        domain.checkTopicMethod("createDurableConsumer");
        return durable(topic, name, selector, noLocal, false);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String selector)
            throws JMSException {
        domain.checkTopicMethod("createSharedDurableConsumer");
        return durable(topic, name, selector, false, true);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        domain.checkQueueMethod("createBrowser");
        checkOpen();
        if (queue == null) {
            throw new InvalidDestinationException("No queue given");
        }
        Destinations.address(queue);
        return new JmsQueueBrowser(this, queue, parseSelector(selector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        domain.checkQueueMethod("createTemporaryQueue");
        checkOpen();
        return new JmsTemporaryQueue(temporary(DestinationAddress.Kind.QUEUE));
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        domain.checkTopicMethod("createTemporaryTopic");
        checkOpen();
        return new JmsTemporaryTopic(temporary(DestinationAddress.Kind.TOPIC));
    }

    private TemporaryDestination temporary(DestinationAddress.Kind kind) {
        return new TemporaryDestination(connection.engine().createTemporary(kind), connection.engine());
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        domain.checkTopicMethod("unsubscribe");
        checkOpen();
        checkSubscriptionName(name);
        try {
            engine.unsubscribe(name);
        } catch (BrokerException e) {
            throw JmsExceptions.of(e);
        }
    }

    private JmsMessageConsumer durable(Topic topic, String name, String selector, boolean noLocal, boolean shared)
            throws JMSException {
        checkOpen();
        String topicName = topicName(topic);
        checkSubscriptionName(name);
        Selector parsed = parseSelector(selector);
        return register(topic, noLocal, parsed,
                () -> engine.createDurableConsumer(topicName, name, parsed, noLocal, shared));
    }

    private JmsMessageConsumer register(Destination destination, boolean noLocal, Selector selector,
            java.util.function.Supplier<org.cairnmq.engine.EngineConsumer> create) throws JMSException {
        try {
            JmsMessageConsumer consumer = new JmsMessageConsumer(this, create.get(), destination, selector, noLocal);
            consumers.add(consumer);
            return consumer;
        } catch (BrokerException e) {
            throw JmsExceptions.of(e);
        }
    }

    private static Selector parseSelector(String selector) throws InvalidSelectorException {
        try {
            return Selector.parse(selector);
        } catch (SelectorSyntaxException e) {
            InvalidSelectorException invalid = new InvalidSelectorException("Invalid message selector: " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    private static String topicName(Topic topic) throws JMSException {
        if (topic == null) {
            throw new InvalidDestinationException("No topic given");
        }
        return Destinations.address(topic).name();
    }

    private static void checkSubscriptionName(String name) throws JMSException {
        if (name == null || name.isBlank()) {
            throw new JMSException("A subscription needs a name");
        }
    }

    /**
     * Starts a resource-local transaction on a non-transacted session, for the resource adapter's
     * {@code LocalTransaction}: sends and receipts wait for {@link #commitLocalTransaction}.
     */
    public void beginLocalTransaction() throws JMSException {
        checkOpen();
        engine.begin();
    }

    /** Commits what was done since {@link #beginLocalTransaction}; the session then acknowledges as before. */
    public void commitLocalTransaction() throws JMSException {
        checkOpen();
        try {
            engine.commit(false);
        } catch (BrokerException e) {
            throw rolledBack(e, false);
        }
    }

    /** Rolls back what was done since {@link #beginLocalTransaction}. */
    public void rollbackLocalTransaction() throws JMSException {
        checkOpen();
        engine.rollback(false);
    }

    /**
     * Sends on the session's serial thread, then tells the listener there; a close or commit of the
     * session waits for it.
     */
    void sendLater(DestinationAddress to, org.cairnmq.engine.BrokerMessage encoded, Message message,
            jakarta.jms.CompletionListener listener) {
        callbacks.sendStarted();
        engine.runInOrder(() -> {
            try {
                JMSException failure = null;
                try {
                    engine.send(to, encoded);
                } catch (BrokerException e) {
                    failure = JmsExceptions.of(e);
                }
                JMSException outcome = failure;
                callbacks.runCompletion(() -> {
                    if (outcome == null) {
                        listener.onCompletion(message);
                    } else {
                        listener.onException(message, outcome);
                    }
                });
            } finally {
                callbacks.sendFinished();
            }
        });
    }

    /** Runs a message listener as a callback of this session. */
    void runListener(Runnable listenerCall) {
        callbacks.run(listenerCall);
    }

    JmsMessage toReceived(QueuedMessage delivery) throws JMSException {
        JmsMessage.Acknowledger ack = acknowledgeMode == CLIENT_ACKNOWLEDGE ? this::acknowledgeAll : null;
        return MessageCodec.fromDelivery(delivery, ack);
    }

    /** Acknowledges a delivery in the modes that do so on receipt; a failed acknowledgement redelivers it. */
    void afterReceive(QueuedMessage delivery) throws JMSException {
        if (acknowledgesEachMessage()) {
            try {
                engine.acknowledge(delivery);
            } catch (BrokerException e) {
                throw JmsExceptions.of(e);
            }
        }
    }

    void afterListenerFailure() {
        if (acknowledgesEachMessage()) {
            engine.recover();
        }
    }

    void start() {
        engine.start();
    }

    void stop() {
        engine.stop(callbacks.inCallback());
    }

    /** Whether the current thread runs a listener of this session. */
    boolean inCallback() {
        return callbacks.inCallback();
    }

    void checkOpen() throws JMSException {
        if (closed) {
            throw JmsExceptions.closed("Session");
        }
        connection.checkOpen();
    }

    private boolean acknowledgesEachMessage() {
        return !engine.isTransactionActive()
                && (acknowledgeMode == AUTO_ACKNOWLEDGE || acknowledgeMode == DUPS_OK_ACKNOWLEDGE);
    }

    private void acknowledgeAll() throws JMSException {
        checkOpen();
        try {
            engine.acknowledgeAll();
        } catch (BrokerException e) {
            throw JmsExceptions.of(e);
        }
    }
}
