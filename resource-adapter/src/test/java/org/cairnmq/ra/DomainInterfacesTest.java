package org.cairnmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.resource.spi.ConnectionManager;
import java.util.UUID;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.engine.security.Authenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pooled factory through the JMS 1.0 queue and topic interfaces, as applications moved from Artemis's
 * {@code java:/JmsXA} use it ({@code QueueConnectionFactory} → {@code QueueSession} → {@code QueueSender}).
 */
class DomainInterfacesTest {
    private EmbeddedBroker broker;
    private CairnConnectionFactory factory;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ConnectionManager pool = (managedFactory, info) -> new CairnManagedConnection(broker.broker(),
                SessionRequest.identityOf(info)).getConnection(null, info);
        factory = new CairnConnectionFactory(TestPools.managedFactory(Authenticator.allowAll()), pool);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void queueSenderAndReceiver() throws Exception {
        try (QueueConnection connection = ((QueueConnectionFactory) factory).createQueueConnection()) {
            connection.start();
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            CairnQueue queue = new CairnQueue();
            queue.setName("legacy");
            QueueSender sender = session.createSender(queue);
            assertEquals("legacy", sender.getQueue().getQueueName());
            sender.send(session.createTextMessage("one"));
            session.createSender(null).send(queue, session.createTextMessage("two")); // an anonymous sender
            QueueReceiver receiver = session.createReceiver(queue);
            assertEquals("one", ((TextMessage) receiver.receive(5_000)).getText());
            assertEquals("two", ((TextMessage) receiver.receive(5_000)).getText());
            assertEquals("legacy", receiver.getQueue().getQueueName());
        }
    }

    @Test
    void topicPublisherAndSubscriber() throws Exception {
        try (TopicConnection connection = ((TopicConnectionFactory) factory).createTopicConnection()) {
            connection.start();
            TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("legacy-news");
            TopicSubscriber subscriber = session.createSubscriber(topic);
            TopicPublisher publisher = session.createPublisher(topic);
            assertSame(topic, publisher.getTopic());
            publisher.publish(session.createTextMessage("extra"));
            TextMessage received = (TextMessage) subscriber.receive(5_000);
            assertNotNull(received);
            assertEquals("extra", received.getText());
        }
    }
}
