package org.cairnmq.engine;

import org.cairnmq.destination.DeliveryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.management.BrokerManagement;
import org.cairnmq.management.DestinationType;
import org.cairnmq.management.DestinationView;
import org.cairnmq.management.ManagementException;
import org.cairnmq.management.MessagePage;
import org.cairnmq.management.MessageQuery;
import org.cairnmq.management.MessageView;
import org.cairnmq.management.OperationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The management interface against a running broker, as the admin console uses it. */
class BrokerManagementTest {
    private EmbeddedBroker broker;
    private BrokerManagement management;
    private Connection connection;
    private Session session;

    String jdbcUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @BeforeEach
    void start() throws JMSException {
        broker = EmbeddedBroker.builder().jdbcUrl(jdbcUrl()).queueMemoryLimit(50).start();
        management = broker.broker().management();
        connection = broker.connectionFactory().createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private void send(String queue, int count, String prefix) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        for (int i = 0; i < count; i++) {
            TextMessage m = session.createTextMessage(prefix + i);
            m.setIntProperty("n", i);
            producer.send(m);
        }
        producer.close();
    }

    private List<String> texts(String queue) {
        List<String> texts = new ArrayList<>();
        MessageQuery query = MessageQuery.all();
        for (MessagePage page = management.browse(queue, query); ; page = management.browse(queue, query)) {
            page.messages().forEach(m -> texts.add(m.text()));
            if (page.next() == null) {
                return texts;
            }
            query = query.after(page.next());
        }
    }

    @Test
    void destinationsShowDepthConsumersAndCounters() throws JMSException {
        send("orders", 3, "o");
        MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
        assertNotNull(consumer.receive(5_000));
        Topic topic = session.createTopic("prices");
        connection.close();
        connection = broker.connectionFactory().createConnection();
        connection.setClientID("watcher");
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createDurableConsumer(topic, "all").close();
        session.createProducer(topic).send(session.createTextMessage("p"));

        DestinationView orders = management.destination(DestinationType.QUEUE, "orders");
        assertEquals(2, orders.depth());
        assertEquals(3, orders.enqueued());
        assertEquals(1, orders.acknowledged());
        assertEquals(0, orders.consumers());
        assertTrue(orders.oldestMessageAgeMillis() >= 0);
        DestinationView prices = management.destination(DestinationType.TOPIC, "prices");
        assertEquals(1, prices.subscriptions());
        assertEquals(1, prices.depth());
        List<String> names = management.destinations().stream().map(d -> d.type() + ":" + d.name()).toList();
        assertTrue(names.containsAll(List.of("QUEUE:DLQ", "QUEUE:ExpiryQueue", "QUEUE:orders", "TOPIC:prices")), names.toString());
        assertEquals("all", management.subscriptions().get(0).name());
        assertEquals("watcher", management.subscriptions().get(0).clientId());
    }

    @Test
    void memoryShowsWhatMessagesThatCannotPageHoldAgainstFlowControl() throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue("volatile"));
        producer.setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT);
        producer.send(session.createTextMessage("x".repeat(10_000)));
        send("durable", 1, "d"); // persistent on a durable queue: it pages, so it is not counted
        DestinationView held = management.destination(DestinationType.QUEUE, "volatile");
        assertTrue(held.memoryBytes() >= 10_000, "the body counts: " + held.memoryBytes());
        assertEquals(0, management.destination(DestinationType.QUEUE, "durable").memoryBytes());
        assertNotNull(session.createConsumer(session.createQueue("volatile")).receive(5_000));
        assertEquals(0, management.destination(DestinationType.QUEUE, "volatile").memoryBytes(), "given back");
    }

    @Test
    void inFlightCountsDeliveredButUnacknowledgedMessages() throws JMSException {
        send("work", 2, "w");
        Session clientAck = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message held = clientAck.createConsumer(clientAck.createQueue("work")).receive(5_000);
        assertEquals(1, management.destination(DestinationType.QUEUE, "work").inFlight());
        held.acknowledge();
        DestinationView after = management.destination(DestinationType.QUEUE, "work");
        assertEquals(0, after.inFlight());
        assertEquals(1, after.acknowledged());
        assertEquals(1, after.depth());
    }

    @Test
    void consumersShowWhatTheyGotAndWhatTheyHold() throws JMSException {
        send("jobs", 3, "j");
        Session clientAck = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer slow = clientAck.createConsumer(clientAck.createQueue("jobs"), "n >= 0");
        assertNotNull(slow.receive(5_000));
        assertNotNull(slow.receive(5_000));
        session.createConsumer(session.createTopic("alerts"));

        List<org.cairnmq.management.ConsumerView> consumers = management.consumers();
        assertEquals(2, consumers.size());
        org.cairnmq.management.ConsumerView jobs = consumers.get(0);
        assertEquals("jobs", jobs.destination());
        assertEquals(DestinationType.QUEUE, jobs.type());
        assertEquals("n >= 0", jobs.selector());
        assertEquals(2, jobs.delivered());
        assertEquals(2, jobs.unacknowledged());
        assertFalse(jobs.listener());
        assertTrue(jobs.idleMillis() >= 0);
        org.cairnmq.management.ConsumerView alerts = consumers.get(1);
        assertEquals(DestinationType.TOPIC, alerts.type());
        assertEquals(0, alerts.delivered());
        slow.close();
        assertEquals(1, management.consumers().size());
    }

    @Test
    void createAndDeleteDestinations() throws JMSException {
        management.createDestination(DestinationType.QUEUE, "made");
        assertEquals(ManagementException.Kind.CONFLICT, assertThrows(ManagementException.class,
                () -> management.createDestination(DestinationType.QUEUE, "made")).kind());
        assertEquals(ManagementException.Kind.INVALID, assertThrows(ManagementException.class,
                () -> management.createDestination(DestinationType.QUEUE, " ")).kind());
        send("made", 5, "m");
        MessageConsumer consumer = session.createConsumer(session.createQueue("made"));
        assertEquals(ManagementException.Kind.CONFLICT, assertThrows(ManagementException.class,
                () -> management.deleteDestination(DestinationType.QUEUE, "made")).kind());
        consumer.close();
        assertEquals(5, management.deleteDestination(DestinationType.QUEUE, "made"));
        assertEquals(ManagementException.Kind.NOT_FOUND, assertThrows(ManagementException.class,
                () -> management.destination(DestinationType.QUEUE, "made")).kind());
    }

    @Test
    void browseInPagesWithSelectorAndBodySearch() throws JMSException {
        send("big", 230, "message-");
        List<String> all = texts("big");
        assertEquals(230, all.size());
        assertEquals("message-0", all.get(0));
        assertEquals("message-229", all.get(229));

        MessagePage even = management.browse("big", MessageQuery.all().withSelector("n < 10 AND n / 2 * 2 = n"));
        assertEquals(List.of("message-0", "message-2", "message-4", "message-6", "message-8"),
                even.messages().stream().map(MessageView::text).toList());
        MessagePage found = management.browse("big", MessageQuery.all().withBodyContaining("MESSAGE-22"));
        assertEquals(11, found.messages().size()); // 22 and 220..229
        assertEquals(ManagementException.Kind.INVALID, assertThrows(ManagementException.class,
                () -> management.browse("big", MessageQuery.all().withSelector("n <"))).kind());
        assertEquals(ManagementException.Kind.NOT_FOUND, assertThrows(ManagementException.class,
                () -> management.browse("nothing-here", MessageQuery.all())).kind());
    }

    @Test
    void oneMessageByHandleWithHeadersPropertiesAndBody() throws JMSException {
        send("single", 1, "<script>alert(1)</script>");
        MessageView listed = management.browse("single", MessageQuery.all()).messages().get(0);
        MessageView one = management.message("single", listed.handle());
        assertEquals("<script>alert(1)</script>0", one.text());
        assertEquals("TEXT", one.bodyType());
        assertEquals(0, one.properties().get("n"));
        assertTrue(one.messageId().startsWith("ID:"));
        assertEquals("READY", one.state());
        assertEquals(ManagementException.Kind.NOT_FOUND, assertThrows(ManagementException.class,
                () -> management.message("single", "p999999")).kind());
        assertEquals(ManagementException.Kind.INVALID, assertThrows(ManagementException.class,
                () -> management.message("single", "nonsense")).kind());
    }

    @Test
    void purgeReachesMessagesInMemoryAndInTheStoreButSkipsThoseAConsumerHolds() throws JMSException {
        send("deep", 120, "d"); // memory limit 50: 70 wait in the store only
        Session clientAck = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message held = clientAck.createConsumer(clientAck.createQueue("deep")).receive(5_000);
        assertNotNull(held);

        OperationResult purge = management.delete("deep", MessageQuery.all());
        assertEquals(new OperationResult(120, 119, 1), purge);
        assertEquals(0, management.destination(DestinationType.QUEUE, "deep").depth());
        assertEquals(new OperationResult(1, 0, 1), management.delete("deep", MessageQuery.all()), "safe to repeat");
        clientAck.recover(); // the held one comes back after its back-off, and can then go
        awaitTrue(() -> management.destination(DestinationType.QUEUE, "deep").inMemory() == 1);
        assertEquals(1, management.delete("deep", MessageQuery.all()).changed());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 10 s");
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void moveAndCopySelectedMessages() throws JMSException {
        send("source", 10, "s");
        management.createDestination(DestinationType.QUEUE, "target");
        List<String> firstThree = management.browse("source", MessageQuery.all().limit(3)).messages().stream()
                .map(MessageView::handle).toList();
        assertEquals(new OperationResult(3, 3, 0), management.move("source", firstThree, "target"));
        assertEquals(new OperationResult(2, 2, 0), management.copy("source", MessageQuery.all().withSelector("n >= 8"),
                "target"));
        assertEquals(List.of("s3", "s4", "s5", "s6", "s7", "s8", "s9"), texts("source"));

        MessageConsumer consumer = session.createConsumer(session.createQueue("target"));
        List<String> received = new ArrayList<>();
        for (Message m; (m = consumer.receive(1_000)) != null; ) {
            received.add(((TextMessage) m).getText());
        }
        assertEquals(List.of("s0", "s1", "s2", "s8", "s9"), received);
        assertEquals(ManagementException.Kind.NOT_FOUND, assertThrows(ManagementException.class,
                () -> management.move("source", MessageQuery.all(), "missing")).kind());
        assertEquals(ManagementException.Kind.INVALID, assertThrows(ManagementException.class,
                () -> management.move("source", MessageQuery.all(), "source")).kind());
    }

    @Test
    void retrySendsDeadLettersBackToWhereTheyFailed() throws JMSException {
        broker.broker().setDeliveryPolicy("payments", new DeliveryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO,
                "DLQ", "ExpiryQueue"));
        send("payments", 1, "pay");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer failing = transacted.createConsumer(transacted.createQueue("payments"));
        assertNotNull(failing.receive(5_000));
        transacted.rollback(); // its one attempt: dead-lettered
        failing.close();
        MessageView dead = management.browse("DLQ", MessageQuery.all()).messages().get(0);
        assertEquals("queue:payments", dead.properties().get("CairnOriginalDestination"));
        assertEquals(1, management.destination(DestinationType.QUEUE, "payments").deadLettered());

        assertEquals(new OperationResult(1, 1, 0), management.retry("DLQ",
                MessageQuery.all().withSelector("CairnOriginalDestination = 'queue:payments'")));
        Message back = session.createConsumer(session.createQueue("payments")).receive(5_000);
        assertEquals("pay0", ((TextMessage) back).getText());
        assertNull(back.getStringProperty("CairnOriginalDestination"));
        assertFalse(back.getJMSRedelivered());
        assertEquals(0, management.destination(DestinationType.QUEUE, "DLQ").depth());
    }

    @Test
    void sendATestMessage() throws JMSException {
        management.createDestination(DestinationType.QUEUE, "probe");
        String id = management.send(DestinationType.QUEUE, "probe", "hello", Map.of("origin", "console"), true);
        Message m = session.createConsumer(session.createQueue("probe")).receive(5_000);
        assertEquals(id, m.getJMSMessageID());
        assertEquals("hello", ((TextMessage) m).getText());
        assertEquals("console", m.getStringProperty("origin"));
        assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(ManagementException.Kind.INVALID, assertThrows(ManagementException.class,
                () -> management.send(DestinationType.QUEUE, "probe", "x", Map.of("bad name", 1), true)).kind());
        assertEquals(ManagementException.Kind.NOT_FOUND, assertThrows(ManagementException.class,
                () -> management.send(DestinationType.QUEUE, "nowhere", "x", Map.of(), true)).kind());
    }

    @Test
    void deleteASubscription() throws JMSException {
        connection.close();
        connection = broker.connectionFactory().createConnection();
        connection.setClientID("c");
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer durable = session.createDurableConsumer(session.createTopic("events"), "audit");
        assertEquals(ManagementException.Kind.CONFLICT, assertThrows(ManagementException.class,
                () -> management.deleteSubscription("c", "audit")).kind());
        durable.close();
        management.deleteSubscription("c", "audit");
        assertTrue(management.subscriptions().isEmpty());
        assertEquals(ManagementException.Kind.NOT_FOUND, assertThrows(ManagementException.class,
                () -> management.deleteSubscription("c", "audit")).kind());
    }
}
