package org.cairnmq.jms;

import static org.cairnmq.jms.JmsExceptions.unchecked;
import static org.cairnmq.jms.JmsExceptions.uncheckedRun;

import jakarta.jms.BytesMessage;
import jakarta.jms.IllegalStateRuntimeException;
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
        refuseOnLentSession("getMessageListener");
        unchecked(consumer::getMessageListener); // checks that the consumer is open
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener newListener) {
        refuseOnLentSession("setMessageListener");
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
        context.consumerClosed(this);
    }

    // A server's pool owns the threads of a lent session: receive with an MDB or receive(timeout).
    private void refuseOnLentSession(String call) {
        if (!context.allowsCallbacks()) {
            throw new IllegalStateRuntimeException(call + " is not allowed on a pooled session in the Jakarta EE "
                    + "web or EJB container (Jakarta Messaging 3.1, section 12.2)");
        }
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return receiveBody(c, consumer::receive, Long.MAX_VALUE);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return receiveBody(c, () -> consumer.receive(timeout), timeout == 0 ? Long.MAX_VALUE : timeout);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return receiveBody(c, consumer::receiveNoWait, 0);
    }

    /**
     * Receives and returns the body. When it cannot ({@code MessageFormatRuntimeException}), a message
     * received in CLIENT_ACKNOWLEDGE or a transaction stays delivered, as the specification says; in
     * AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE it is not acknowledged and goes back to the queue.
     */
    private <T> T receiveBody(Class<T> type, JmsExceptions.Call<Message> receive, long timeoutMillis) {
        int mode = context.sessionMode();
        if (mode == JMSContext.AUTO_ACKNOWLEDGE || mode == JMSContext.DUPS_OK_ACKNOWLEDGE) {
            return unchecked(() -> receiveBodyAcknowledgingOnlyIfRead(type, timeoutMillis));
        }
        return unchecked(() -> {
            Message message = receive.call();
            return message == null ? null : bodyOf(message, type);
        });
    }

    /* The message is acknowledged only once its body could be returned; otherwise it is given back untouched. */
    private <T> T receiveBodyAcknowledgingOnlyIfRead(Class<T> type, long timeoutMillis) throws JMSException {
        JmsMessageConsumer own = (JmsMessageConsumer) consumer;
        JmsMessageConsumer.Received received = own.receiveUnacknowledged(timeoutMillis);
        if (received == null) {
            return null;
        }
        try {
            T body = bodyOf(received.message(), type);
            own.acknowledge(received);
            return body;
        } catch (JMSException | RuntimeException e) {
            own.release(received);
            throw e;
        }
    }

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
