package org.cairnmq.it.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.naming.InitialContext;
import org.cairnmq.it.support.CairnDeployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A separately deployed application sends through Cairn's JNDI connection factory and its MDB receives:
 * every message exactly once.
 */
@ExtendWith(ArquillianExtension.class)
class QueueDeliveryIT {
    private static final int MESSAGES = 1_000;

    @Inject
    ReceivedMessages received;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2)
    static WebArchive application() {
        return org.jboss.shrinkwrap.api.ShrinkWrap.create(WebArchive.class, "queue-app.war")
                .addClasses(ReceivedMessages.class, ExampleQueueListener.class)
                .addAsWebInfResource(QueueDeliveryIT.class.getResource("/queue/jboss-ejb3.xml"), "jboss-ejb3.xml");
    }

    @Test
    @OperateOnDeployment("app")
    void mdbReceivesEveryPersistentMessageExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        InitialContext jndi = new InitialContext();
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("java:/jms/cairn/ConnectionFactory");
        Queue queue = (Queue) jndi.lookup("java:/jms/cairn/queue/ExampleQueue");
        int before = received.deliveries();

        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(session.createTextMessage(run + "/" + i));
            }
        }

        int delivered = received.awaitDeliveries(before + MESSAGES, Duration.ofSeconds(120)) - before;
        assertEquals(MESSAGES, delivered, "deliveries");
        Map<String, Integer> ours = received.snapshot();
        ours.keySet().removeIf(text -> !text.startsWith(run + "/"));
        assertEquals(MESSAGES, ours.size(), "distinct messages received");
        for (int i = 0; i < MESSAGES; i++) {
            assertEquals(1, ours.getOrDefault(run + "/" + i, 0), "times message " + i + " was received");
        }
    }

    @Test
    @OperateOnDeployment("app")
    void queueLookedUpInJndiIsTheQueueOfTheSameName() throws Exception {
        InitialContext jndi = new InitialContext();
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("java:/jms/cairn/ConnectionFactory");
        Queue bound = (Queue) jndi.lookup("java:/jms/cairn/queue/DLQ");
        String text = "by name " + UUID.randomUUID();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue("DLQ")).send(session.createTextMessage(text));
            jakarta.jms.Message got = session.createConsumer(bound).receive(10_000);
            assertTrue(got instanceof jakarta.jms.TextMessage);
            assertEquals(text, ((jakarta.jms.TextMessage) got).getText());
        }
    }
}
