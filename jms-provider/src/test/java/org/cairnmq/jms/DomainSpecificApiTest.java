package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.util.UUID;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JMS 1.0 point-to-point and publish/subscribe interfaces, as older applications use them. */
class DomainSpecificApiTest {
    private EmbeddedBroker broker;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void queueSenderAndReceiver() throws JMSException {
        try (QueueConnection connection = (QueueConnection) broker.connectionFactory().createConnection()) {
            connection.start();
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("p2p");
            session.createSender(queue).send(session.createTextMessage("point to point"));
            QueueReceiver receiver = session.createReceiver(queue);
            assertEquals(queue, receiver.getQueue());
            assertEquals("point to point", ((TextMessage) receiver.receive(5_000)).getText());
        }
    }

    @Test
    void topicPublisherAndSubscriber() throws JMSException {
        try (TopicConnection connection = (TopicConnection) broker.connectionFactory().createConnection()) {
            connection.start();
            TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("pubsub");
            TopicSubscriber subscriber = session.createSubscriber(topic);
            session.createPublisher(topic).publish(session.createTextMessage("published"));
            assertEquals(topic, subscriber.getTopic());
            assertEquals("published", ((TextMessage) subscriber.receive(5_000)).getText());
        }
    }
}
