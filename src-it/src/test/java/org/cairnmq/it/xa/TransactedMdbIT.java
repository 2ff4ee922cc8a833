package org.cairnmq.it.xa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.xa.DeliveryLog.Attempt;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A message-driven bean with a container-managed transaction receives each message inside it, together
 * with its row in the application's XA data source: a bean that commits keeps both, one that throws
 * keeps neither, and its message comes back until the broker moves it to the dead-letter queue.
 */
@ExtendWith(ArquillianExtension.class)
class TransactedMdbIT {
    /** The broker's default policy: ten attempts, back-off from 100 ms doubling (about 51 s in all). */
    private static final int MAX_DELIVERY_ATTEMPTS = 10;
    private static final Duration ALL_ATTEMPTS = Duration.ofSeconds(150);

    @Inject
    DeliveryLog log;

    @Inject
    OrderDesk desk;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2)
    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "xa-mdb-app.war")
                .addClasses(OrderListener.class, DeliveryLog.class, Attempt.class, OrderDesk.class,
                        OrderDesk.Ending.class, OrderDesk.Taken.class, OrderDesk.RulesSeen.class)
                .addAsWebInfResource(TransactedMdbIT.class.getResource("/xa/orders-ds.xml"), "orders-ds.xml")
                .addAsWebInfResource(TransactedMdbIT.class.getResource("/queue/jboss-ejb3.xml"), "jboss-ejb3.xml");
    }

    @Test
    @OperateOnDeployment("app")
    void aBeanThatCommitsKeepsTheRowAndConsumesTheMessage() throws Exception {
        desk.createTable();
        String text = "ok-" + UUID.randomUUID();
        send(text);

        List<Attempt> attempts = log.awaitCompleted(text, 1, Duration.ofSeconds(30));
        assertEquals(1, attempts.size(), "deliveries completed");
        assertTrue(attempts.get(0).committed());
        assertFalse(attempts.get(0).redelivered());
        assertTrue(desk.rowExists(text));
    }

    @Test
    @OperateOnDeployment("app")
    void aBeanThatRollsBackWithoutThrowingGetsTheMessageAgain() throws Exception {
        desk.createTable();
        String text = "rollback-once-" + UUID.randomUUID();
        send(text);

        // Only a receipt inside the bean's transaction comes back: onMessage returned normally.
        List<Attempt> attempts = log.awaitCompleted(text, 2, Duration.ofSeconds(30));
        assertEquals(2, attempts.size(), "deliveries completed: " + attempts);
        assertFalse(attempts.get(0).committed());
        assertFalse(attempts.get(0).redelivered());
        assertTrue(attempts.get(1).committed());
        assertTrue(attempts.get(1).redelivered());
        assertEquals(2, attempts.get(1).deliveryCount());
        assertTrue(desk.rowExists(text), "the row of the second delivery");
    }

    @Test
    @OperateOnDeployment("app")
    void whatTheBeanSendsBelongsToItsTransaction() throws Exception {
        desk.createTable();
        String text = "forward-rollback-once-" + UUID.randomUUID();
        send(text);

        List<Attempt> attempts = log.awaitCompleted(text, 2, Duration.ofSeconds(30));
        assertEquals(2, attempts.size(), "deliveries completed: " + attempts);
        assertTrue(attempts.get(1).committed());

        // The first delivery's send was rolled back with it: the second one's is first in line.
        assertEquals(text + "#2", receive(OrderListener.FORWARDED));
        String marker = "marker-" + UUID.randomUUID();
        send(OrderListener.FORWARDED, marker);
        assertEquals(marker, receive(OrderListener.FORWARDED), "nothing else was forwarded");
    }

    @Test
    @OperateOnDeployment("app")
    void aBeanThatThrowsKeepsNoRowAndItsMessageEndsInTheDeadLetterQueue() throws Exception {
        desk.createTable();
        String text = "fail-" + UUID.randomUUID();
        send(text);

        Message dead = receiveFromDeadLetterQueue(text);
        assertNotNull(dead, "in the dead-letter queue after its last attempt");
        assertEquals(text, ((TextMessage) dead).getText());

        List<Attempt> attempts = log.awaitCompleted(text, MAX_DELIVERY_ATTEMPTS, Duration.ofSeconds(10));
        assertEquals(MAX_DELIVERY_ATTEMPTS, attempts.size(), "deliveries: " + attempts);
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            assertFalse(attempt.committed(), "attempt " + (i + 1) + " rolled back");
            assertEquals(i > 0, attempt.redelivered(), "JMSRedelivered of attempt " + (i + 1));
            assertEquals(i + 1, attempt.deliveryCount(), "JMSXDeliveryCount of attempt " + (i + 1));
        }
        assertFalse(desk.rowExists(text), "no row from any attempt");
    }

    private static void send(String text) throws Exception {
        send(OrderListener.QUEUE, text);
    }

    private static void send(String queue, String text) throws Exception {
        ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup("java:/jms/cairn/ConnectionFactory");
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            TextMessage message = session.createTextMessage(text);
            message.setStringProperty("order", text);
            session.createProducer(session.createQueue(queue)).send(message);
        }
    }

    private static String receive(String queue) throws Exception {
        ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup("java:/jms/cairn/ConnectionFactory");
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Message message = session.createConsumer(session.createQueue(queue)).receive(30_000);
            assertNotNull(message, "nothing in " + queue);
            return ((TextMessage) message).getText();
        }
    }

    private static Message receiveFromDeadLetterQueue(String text) throws Exception {
        ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup("java:/jms/cairn/ConnectionFactory");
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            return session.createConsumer(session.createQueue("DLQ"), "order = '" + text + "'")
                    .receive(ALL_ATTEMPTS.toMillis());
        }
    }
}
