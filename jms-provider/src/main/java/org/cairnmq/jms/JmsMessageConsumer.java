package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import org.cairnmq.engine.BrokerException;
import org.cairnmq.engine.EngineConsumer;
import org.cairnmq.engine.QueuedMessage;

/** Receives from one queue, synchronously or through a {@link MessageListener}. */
public final class JmsMessageConsumer implements MessageConsumer {
    private final JmsSession session;
    private final EngineConsumer engine;
    private volatile MessageListener listener;
    private volatile boolean closed;

    JmsMessageConsumer(JmsSession session, EngineConsumer engine) {
        this.session = session;
        this.engine = engine;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return null;
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

    private Message receiveWithin(long timeoutMillis) throws JMSException {
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
        if (delivery == null) {
            return null;
        }
        JmsMessage message = session.toReceived(delivery);
        session.afterReceive(delivery);
        return message;
    }

    private void onDelivery(QueuedMessage delivery) {
        MessageListener current = listener;
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
