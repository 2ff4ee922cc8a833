package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.cairnmq.engine.BrokerException;
import org.cairnmq.engine.QueuedMessage;
import org.cairnmq.selector.Selector;

/**
 * Looks at the messages waiting in a queue without consuming them. Each {@link #getEnumeration()} is a
 * snapshot taken at that moment; messages being delivered to a consumer are not in it.
 */
public final class JmsQueueBrowser implements QueueBrowser {
    private final JmsSession session;
    private final Queue queue;
    private final Selector selector;
    private volatile boolean closed;

    JmsQueueBrowser(JmsSession session, Queue queue, Selector selector) {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector.text();
    }

    @Override
    public Enumeration<?> getEnumeration() throws JMSException {
        checkOpen();
        try {
            List<JmsMessage> messages = new ArrayList<>();
            for (QueuedMessage m : session.engine().browse(queue.getQueueName(), selector)) {
                messages.add(MessageCodec.fromDelivery(m, null));
            }
            return Collections.enumeration(messages);
        } catch (BrokerException e) {
            throw JmsExceptions.of(e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw JmsExceptions.closed("Browser");
        }
        session.checkOpen();
    }
}
