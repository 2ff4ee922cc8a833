package org.cairnmq.jms;

import static org.cairnmq.jms.JmsExceptions.unchecked;
import static org.cairnmq.jms.JmsExceptions.uncheckedRun;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import org.cairnmq.jms.ContextCallbacks.Kind;

/** The simplified API's consumer: a classic {@link MessageConsumer} of a {@link JmsContext}'s session. */
public final class JmsConsumer implements JMSConsumer {
    private final JmsContext context;
    private final MessageConsumer consumer;
    private volatile MessageListener listener;

    JmsConsumer(JmsContext context, MessageConsumer consumer) {
        this.context = context;
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        unchecked(consumer::getMessageListener); // checks that the consumer is open
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener newListener) {
        MessageListener marked = newListener == null ? null
                : message -> ContextCallbacks.run(context, Kind.MESSAGE_LISTENER, () -> newListener.onMessage(message));
        uncheckedRun(() -> consumer.setMessageListener(marked));
        listener = newListener;
    }

    @Override
    public Message receive() {
        return unchecked(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return unchecked(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return unchecked(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        uncheckedRun(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return receiveBody(c, consumer::receive);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return receiveBody(c, () -> consumer.receive(timeout));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return receiveBody(c, consumer::receiveNoWait);
    }

    /**
     * Receives and returns the body. When it cannot ({@code MessageFormatRuntimeException}), a message
     * received in CLIENT_ACKNOWLEDGE or a transaction stays delivered, as the specification says; in
     * AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE it is not acknowledged and goes back to the queue.
     */
    private <T> T receiveBody(Class<T> type, JmsExceptions.Call<Message> receive) {
        int mode = context.sessionMode();
        if (mode == JMSContext.AUTO_ACKNOWLEDGE || mode == JMSContext.DUPS_OK_ACKNOWLEDGE) {
            return unchecked(() -> receiveBodyAcknowledgingOnlyIfRead(type, receive));
        }
        return unchecked(() -> {
            Message message = receive.call();
            return message == null ? null : bodyOf(message, type);
        });
    }

    /*
     * The classic consumer acknowledges as it returns the message. To acknowledge only a message whose
     * body was read, the receipt runs in a resource-local transaction of the session: committed once the
     * body is read, rolled back (the message goes back to its queue) when it cannot be. The rollback
     * counts as a redelivery (JMSRedelivered, JMSXDeliveryCount), where the specification would not count
     * it: doing better needs an engine call that returns a delivery untouched.
     */
    private <T> T receiveBodyAcknowledgingOnlyIfRead(Class<T> type, JmsExceptions.Call<Message> receive)
            throws JMSException {
        JmsSession session = context.session();
        session.beginLocalTransaction();
        Message message;
        T body;
        try {
            message = receive.call();
            body = message == null ? null : bodyOf(message, type);
        } catch (JMSException | RuntimeException e) {
            leaveUnacknowledged(session);
            throw e;
        }
        if (message == null) {
            leaveUnacknowledged(session);
            return null;
        }
        session.commitLocalTransaction();
        return body;
    }

    private static void leaveUnacknowledged(JmsSession session) {
        try {
            session.rollbackLocalTransaction();
        } catch (JMSException closed) {
            // Closing the session has already returned the message to its queue.
        }
    }

    /** The body for {@code receiveBody}, which refuses messages without one and stream messages. */
    private static <T> T bodyOf(Message message, Class<T> type) throws JMSException {
        if (!(message instanceof TextMessage || message instanceof BytesMessage || message instanceof MapMessage
                || message instanceof ObjectMessage)) {
            throw new MessageFormatException("receiveBody cannot return the body of a "
                    + message.getClass().getSimpleName() + ": use receive");
        }
        T body = message.getBody(type);
        if (body == null) {
            throw new MessageFormatException("The message has no body");
        }
        return body;
    }
}
