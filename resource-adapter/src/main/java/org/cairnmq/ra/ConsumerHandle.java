package org.cairnmq.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

/**
 * A consumer made through a {@link SessionHandle}: it receives synchronously only. Asynchronous delivery
 * would run application code on threads the container does not manage, so the listener calls throw
 * (Jakarta Messaging 3.1, section 12.2); message-driven beans are the EE way to listen.
 */
final class ConsumerHandle implements QueueReceiver, TopicSubscriber {
    private final MessageConsumer consumer;

    ConsumerHandle(MessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        return consumer.getMessageSelector();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw ContainerRules.forbidden("MessageConsumer.getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw ContainerRules.forbidden("MessageConsumer.setMessageListener");
    }

    @Override
    public Message receive() throws JMSException {
        return consumer.receive();
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return consumer.receive(timeout);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return consumer.receiveNoWait();
    }

    @Override
    public void close() throws JMSException {
        consumer.close();
    }

    @Override
    public Topic getTopic() throws JMSException {
        return ((TopicSubscriber) consumer).getTopic();
    }

    @Override
    public Queue getQueue() throws JMSException {
        return ((QueueReceiver) consumer).getQueue();
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        return ((TopicSubscriber) consumer).getNoLocal();
    }
}
