package org.cairnmq.jms;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.cairnmq.engine.BrokerException;

/**
 * Sends messages through its session. A persistent send outside a transaction returns only once the
 * message is committed to the store.
 */
public final class JmsMessageProducer implements QueueSender, TopicPublisher {
    private final JmsSession session;
    private final Destination destination;
    private final String idPrefix = "ID:" + UUID.randomUUID() + ":";
    private final AtomicLong sent = new AtomicLong();
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private volatile boolean closed;

    JmsMessageProducer(JmsSession session, Destination destination) {
        this.session = session;
        this.destination = destination;
    }

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        checkOpen();
        checkDeliveryMode(deliveryMode);
        this.deliveryMode = deliveryMode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int priority) throws JMSException {
        checkOpen();
        checkPriority(priority);
        this.priority = priority;
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        checkOpen();
        this.timeToLive = timeToLive;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        checkOpen();
        this.deliveryDelay = deliveryDelay;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue queue ? queue : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic topic ? topic : null;
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send((Destination) queue, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send(topic, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        if (destination == null) {
            throw new UnsupportedOperationException("This producer has no destination: name one in send()");
        }
        sendTo(destination, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination to, Message message) throws JMSException {
        send(to, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination to, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        if (destination != null) {
            throw new UnsupportedOperationException("This producer sends to " + destination + " only");
        }
        if (to == null) {
            throw new InvalidDestinationException("No destination given");
        }
        sendTo(to, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive, CompletionListener listener)
            throws JMSException {
        if (destination == null) {
            throw new UnsupportedOperationException("This producer has no destination: name one in send()");
        }
        sendAsync(destination, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Destination to, Message message, CompletionListener listener) throws JMSException {
        send(to, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Destination to, Message message, int deliveryMode, int priority, long timeToLive,
            CompletionListener listener) throws JMSException {
        if (destination != null) {
            throw new UnsupportedOperationException("This producer sends to " + destination + " only");
        }
        if (to == null) {
            throw new InvalidDestinationException("No destination given");
        }
        sendAsync(to, message, deliveryMode, priority, timeToLive, listener);
    }

    /**
     * Stamps the message now and sends it on the session's serial thread; the listener hears of the
     * outcome there, never on the caller's thread, and in the order the sends were made.
     */
    private void sendAsync(Destination to, Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        if (listener == null) {
            throw new IllegalArgumentException("An asynchronous send needs a CompletionListener");
        }
        org.cairnmq.engine.BrokerMessage encoded = stamp(to, message, mode, prio, ttl);
        org.cairnmq.engine.DestinationAddress address = Destinations.address(to);
        session.sendLater(address, encoded, message, listener);
    }

    private void sendTo(Destination to, Message message, int mode, int prio, long ttl) throws JMSException {
        org.cairnmq.engine.BrokerMessage encoded = stamp(to, message, mode, prio, ttl);
        try {
            session.engine().send(Destinations.address(to), encoded);
        } catch (BrokerException e) {
            throw JmsExceptions.of(e);
        }
    }

    /** Sets the headers a send sets (section 3.4) and encodes the message for the engine. */
    private org.cairnmq.engine.BrokerMessage stamp(Destination to, Message message, int mode, int prio, long ttl)
            throws JMSException {
        checkOpen();
        if (message == null) {
            throw new jakarta.jms.MessageFormatException("Cannot send a null message");
        }
        checkDeliveryMode(mode);
        checkPriority(prio);
        long now = System.currentTimeMillis();
        message.setJMSDestination(to);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSExpiration(ttl > 0 ? now + ttl : 0);
        message.setJMSTimestamp(disableTimestamp ? 0 : now);
        message.setJMSDeliveryTime(now + deliveryDelay);
        message.setJMSMessageID(disableMessageId ? null : idPrefix + sent.incrementAndGet());
        return MessageCodec.toBroker(message, session.sendingUser());
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw JmsExceptions.closed("Producer");
        }
        session.checkOpen();
    }

    private static void checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("Not a delivery mode: " + mode);
        }
    }

    private static void checkPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9) {
            throw new JMSException("Priority must be 0 to 9: " + priority);
        }
    }
}
