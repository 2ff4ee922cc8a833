package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Destination;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import org.cairnmq.selector.Selector;
import org.cairnmq.engine.BrokerException;
import org.cairnmq.engine.EngineConsumer;
import org.cairnmq.engine.QueuedMessage;

/** Receives from one queue, synchronously or through a {@link MessageListener}. */
public final class JmsMessageConsumer implements QueueReceiver, TopicSubscriber {
    private final JmsSession session;
    private final EngineConsumer engine;
    private volatile MessageListener listener;
    private volatile boolean closed;

    private final Destination destination;
    private final Selector selector;
    private final boolean noLocal;

    JmsMessageConsumer(JmsSession session, EngineConsumer engine, Destination destination, Selector selector,
            boolean noLocal) {
        this.session = session;
        this.engine = engine;
        this.destination = destination;
        this.selector = selector;
        this.noLocal = noLocal;
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
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector.text();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener newListener) throws JMSException {
        checkOpen();
        listener = newListener;
        engine.setListener(newListener == null ? null : this::onDelivery);
    }

    @Override
    public Message receive() throws JMSException {
        return receive(Long.MAX_VALUE);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return receiveWithin(timeout == 0 ? Long.MAX_VALUE : timeout);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receiveWithin(0);
    }

    @Override
    public void close() throws JMSException {
        closed = true;
        engine.close();
    }

    /** A message received and not yet acknowledged, for {@code receiveBody}. */
    record Received(JmsMessage message, QueuedMessage delivery) {
    }

    /**
     * Receives without acknowledging, even in an auto-acknowledge mode: the caller then calls
     * {@link #acknowledge(Received)} or {@link #release(Received)}.
     *
     * @param timeoutMillis {@code 0} for no wait, {@link Long#MAX_VALUE} for no limit
     */
    Received receiveUnacknowledged(long timeoutMillis) throws JMSException {
        QueuedMessage delivery = take(timeoutMillis);
        return delivery == null ? null : new Received(session.toReceived(delivery), delivery);
    }

    /** Acknowledges as {@code receive} would have. */
    void acknowledge(Received received) throws JMSException {
        session.afterReceive(received.delivery());
    }

    /** Gives the message back untouched: it is next in line again, not counted as redelivered. */
    void release(Received received) {
        session.engine().release(received.delivery());
    }

    private Message receiveWithin(long timeoutMillis) throws JMSException {
        QueuedMessage delivery = take(timeoutMillis);
        if (delivery == null) {
            return null;
        }
        JmsMessage message = session.toReceived(delivery);
        session.afterReceive(delivery);
        return message;
    }

    private QueuedMessage take(long timeoutMillis) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new jakarta.jms.IllegalStateException("This consumer has a message listener");
        }
        QueuedMessage delivery;
        try {
            delivery = engine.receive(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (BrokerException e) {
            throw JmsExceptions.of(e);
        }
        return delivery;
    }

    private void onDelivery(QueuedMessage delivery) {
        session.runListener(() -> deliverTo(listener, delivery));
    }

    private void deliverTo(MessageListener current, QueuedMessage delivery) {
        try {
            current.onMessage(session.toReceived(delivery));
            session.afterReceive(delivery);
        } catch (RuntimeException | JMSException e) {
            // Section 8.7: a listener that throws in an auto-acknowledge mode gets the message again.
            session.afterListenerFailure();
        }
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw JmsExceptions.closed("Consumer");
        }
        session.checkOpen();
    }
}
