package org.cairnmq.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.cairnmq.engine.BrokerException;
import org.cairnmq.destination.DeliveryPolicy;
import org.cairnmq.engine.DestinationAddress;
import org.cairnmq.engine.EngineSession;
import org.cairnmq.engine.FlowControl;
import org.cairnmq.management.BrokerManagement;
import org.cairnmq.management.DestinationType;
import org.cairnmq.management.DestinationView;
import org.cairnmq.management.ManagementException;
import org.cairnmq.management.MemoryLimitView;
import org.cairnmq.management.MessageQuery;
import org.cairnmq.testing.FaultyDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What operators set (destinations created empty, delivery policies, memory limits) survives a restart, is shared by the
 * brokers on one database, and is refused where it enters when the store could not keep it or it could not
 * work. Run on each database through a subclass.
 */
public abstract class OperatorStateTest {
    private static final DeliveryPolicy ONE_ATTEMPT = new DeliveryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO,
            "orders.DLQ", null);
    private static final DeliveryPolicy FIVE_ATTEMPTS = new DeliveryPolicy(5, Duration.ofMillis(250), 1.5,
            Duration.ofSeconds(20), "orders.parked", "orders.expired");
    private static final long REREAD_MILLIS = 200;

    private final List<AutoCloseable> open = new ArrayList<>();

    /** A new, empty database; every call gives another. */
    protected abstract String newDatabase() throws Exception;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private EmbeddedBroker start(String url, String node) {
        EmbeddedBroker broker = EmbeddedBroker.builder().jdbcUrl(url).nodeName(node)
                .settingsRereadMillis(REREAD_MILLIS).start();
        open.add(broker);
        return broker;
    }

    private void stop(EmbeddedBroker broker) {
        open.remove(broker);
        broker.close();
    }

    private static boolean has(BrokerManagement management, DestinationType type, String name) {
        return management.destinations().stream().anyMatch(d -> d.type() == type && d.name().equals(name));
    }

    @Test
    void emptyDestinationsAndPoliciesComeBackAfterARestart() throws Exception {
        String url = newDatabase();
        EmbeddedBroker first = start(url, "one");
        BrokerManagement management = first.broker().management();
        management.createDestination(DestinationType.QUEUE, "orders");
        management.createDestination(DestinationType.TOPIC, "news");
        management.setDeliveryPolicy(DestinationType.QUEUE, "orders", ONE_ATTEMPT);
        management.createDestination(DestinationType.QUEUE, "tuned");
        management.setDeliveryPolicy(DestinationType.QUEUE, "tuned", FIVE_ATTEMPTS);
        stop(first);

        EmbeddedBroker second = start(url, "one");
        BrokerManagement restarted = second.broker().management();
        DestinationView orders = restarted.destination(DestinationType.QUEUE, "orders");
        assertEquals(0, orders.depth());
        assertTrue(has(restarted, DestinationType.TOPIC, "news"), "the empty topic is back");
        assertEquals(ONE_ATTEMPT, restarted.deliveryPolicy(DestinationType.QUEUE, "orders"));
        assertEquals(FIVE_ATTEMPTS, restarted.deliveryPolicy(DestinationType.QUEUE, "tuned"));

        // The restored policy is the one in force: one attempt, then its own dead-letter queue.
        try (Connection connection = second.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            session.createProducer(session.createQueue("orders")).send(session.createTextMessage("poison"));
            session.commit();
            MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
            assertNotNull(consumer.receive(5_000));
            session.rollback();
            TextMessage dead = (TextMessage) session.createConsumer(session.createQueue("orders.DLQ")).receive(5_000);
            assertNotNull(dead, "dead-lettered by the restored policy");
            assertEquals("poison", dead.getText());
            session.commit();
        }
    }

    @Test
    void deletedDestinationsAndResetPoliciesStayGoneAfterARestart() throws Exception {
        String url = newDatabase();
        EmbeddedBroker first = start(url, "one");
        BrokerManagement management = first.broker().management();
        management.createDestination(DestinationType.QUEUE, "orders");
        management.setDeliveryPolicy(DestinationType.QUEUE, "orders", ONE_ATTEMPT);
        management.createDestination(DestinationType.TOPIC, "news");
        management.setDeliveryPolicy(DestinationType.TOPIC, "news", FIVE_ATTEMPTS);
        management.createDestination(DestinationType.QUEUE, "kept");
        management.setDeliveryPolicy(DestinationType.QUEUE, "kept", FIVE_ATTEMPTS);
        management.deleteDestination(DestinationType.QUEUE, "orders");
        management.deleteDestination(DestinationType.TOPIC, "news");
        management.setDeliveryPolicy(DestinationType.QUEUE, "kept", null);
        stop(first);

        EmbeddedBroker second = start(url, "one");
        BrokerManagement restarted = second.broker().management();
        assertFalse(has(restarted, DestinationType.QUEUE, "orders"), "the deleted queue stays deleted");
        assertFalse(has(restarted, DestinationType.TOPIC, "news"), "the deleted topic stays deleted");
        assertEquals(DeliveryPolicy.DEFAULT, restarted.deliveryPolicy(DestinationType.QUEUE, "kept"));
        // Its policy went with the deleted queue: made again, it starts from the default.
        restarted.createDestination(DestinationType.QUEUE, "orders");
        assertEquals(DeliveryPolicy.DEFAULT, restarted.deliveryPolicy(DestinationType.QUEUE, "orders"));
    }

    @Test
    void brokersOnOneDatabaseSeeEachOthersChanges() throws Exception {
        String url = newDatabase();
        EmbeddedBroker a = start(url, "node-a");
        EmbeddedBroker b = start(url, "node-b");
        BrokerManagement onA = a.broker().management();
        BrokerManagement onB = b.broker().management();

        onA.createDestination(DestinationType.QUEUE, "orders");
        onA.setDeliveryPolicy(DestinationType.QUEUE, "orders", ONE_ATTEMPT);
        awaitTrue(() -> has(onB, DestinationType.QUEUE, "orders")
                && ONE_ATTEMPT.equals(onB.deliveryPolicy(DestinationType.QUEUE, "orders")),
                "node b sees the queue and policy node a set");

        onB.setDeliveryPolicy(DestinationType.QUEUE, "orders", FIVE_ATTEMPTS);
        onB.createDestination(DestinationType.TOPIC, "news");
        awaitTrue(() -> FIVE_ATTEMPTS.equals(onA.deliveryPolicy(DestinationType.QUEUE, "orders"))
                && has(onA, DestinationType.TOPIC, "news"), "node a sees node b's changes");

        onA.setDeliveryPolicy(DestinationType.QUEUE, "orders", null);
        awaitTrue(() -> DeliveryPolicy.DEFAULT.equals(onB.deliveryPolicy(DestinationType.QUEUE, "orders")),
                "node b sees the policy reset");

        onB.setMemoryLimit(DestinationType.QUEUE, "orders", 4_096, "FAIL");
        MemoryLimitView limited = new MemoryLimitView(4_096, "FAIL", true, 0);
        awaitTrue(() -> limited.equals(onA.memoryLimit(DestinationType.QUEUE, "orders")),
                "node a takes in node b's memory limit");
        onA.clearMemoryLimit(DestinationType.QUEUE, "orders");
        awaitTrue(() -> !onB.memoryLimit(DestinationType.QUEUE, "orders").own(), "node b sees the limit cleared");

        onA.deleteDestination(DestinationType.TOPIC, "news");
        awaitTrue(() -> !has(onB, DestinationType.TOPIC, "news"), "node b forgets the topic node a deleted");
    }

    @Test
    void memoryLimitsComeBackAfterARestartAndClearedStayCleared() throws Exception {
        String url = newDatabase();
        EmbeddedBroker first = start(url, "one");
        first.broker().management().createDestination(DestinationType.QUEUE, "orders");
        first.broker().management().setMemoryLimit(DestinationType.QUEUE, "orders", 4_096, "FAIL");
        stop(first);

        EmbeddedBroker restarted = start(url, "one");
        BrokerManagement management = restarted.broker().management();
        assertEquals(new MemoryLimitView(4_096, "FAIL", true, 0),
                management.memoryLimit(DestinationType.QUEUE, "orders"));
        try (Connection connection = restarted.connectionFactory().createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue("orders"));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            int accepted = 0;
            try {
                for (; accepted < 100; accepted++) {
                    producer.send(session.createTextMessage("x".repeat(1_000)));
                }
            } catch (ResourceAllocationException refused) {
                assertTrue(accepted >= 1 && accepted < 4, "refused at the restored 4 KB: " + accepted);
            }
            assertTrue(accepted < 100, "the restored limit applies");
        }

        management.clearMemoryLimit(DestinationType.QUEUE, "orders");
        MemoryLimitView cleared = management.memoryLimit(DestinationType.QUEUE, "orders");
        assertFalse(cleared.own());
        assertEquals(FlowControl.defaults().limitOf("orders").limitBytes(), cleared.limitBytes());
        assertEquals("BLOCK", cleared.policy());
        stop(restarted);
        assertFalse(start(url, "one").broker().management().memoryLimit(DestinationType.QUEUE, "orders").own(),
                "the cleared limit stays cleared");
    }

    @Test
    void namesTheStoreCannotKeepAreRefusedWhereTheyEnter() throws Exception {
        String url = newDatabase();
        EmbeddedBroker broker = start(url, "one");
        BrokerManagement management = broker.broker().management();
        List<String> unstorable = List.of("", "   ", "q".repeat(256), "nul\u0000name", "tab\tname", "bell\u0007",
                "lone\uD800surrogate", "low\uDC00first", "end\uD83D");
        for (String name : unstorable) {
            for (DestinationType type : DestinationType.values()) {
                ManagementException refused = assertThrows(ManagementException.class,
                        () -> management.createDestination(type, name), "refused: " + printable(name));
                assertEquals(ManagementException.Kind.INVALID, refused.kind());
                assertFalse(refused.getMessage().isBlank());
            }
        }
        // At the limit, and outside the BMP (a well-formed surrogate pair), names are stored and come back.
        String longest = "q".repeat(255);
        String emoji = "orders-\uD83D\uDE00";
        management.createDestination(DestinationType.QUEUE, longest);
        management.createDestination(DestinationType.TOPIC, emoji);

        try (Connection connection = broker.connectionFactory().createConnection();
             JMSContext context = broker.connectionFactory().createContext()) {
            Session session = connection.createSession();
            for (String name : unstorable) {
                assertThrows(InvalidDestinationException.class, () -> session.createQueue(name), printable(name));
                assertThrows(InvalidDestinationException.class, () -> session.createTopic(name), printable(name));
                assertThrows(InvalidDestinationRuntimeException.class, () -> context.createQueue(name));
                assertThrows(InvalidDestinationRuntimeException.class, () -> context.createTopic(name));
            }
        }
        // Below the messaging API too (the resource adapter's way in): a client cannot make such a queue.
        EngineSession engine = broker.broker().createSession(false, true);
        BrokerException refusedByEngine = assertThrows(BrokerException.class,
                () -> engine.createConsumer(DestinationAddress.queue("q".repeat(256))));
        assertEquals(BrokerException.Kind.INVALID_DESTINATION, refusedByEngine.kind());
        engine.close();
        stop(broker);

        BrokerManagement restarted = start(url, "one").broker().management();
        assertTrue(has(restarted, DestinationType.QUEUE, longest));
        assertTrue(has(restarted, DestinationType.TOPIC, emoji));
        for (DestinationView view : restarted.destinations()) {
            assertFalse(unstorable.contains(view.name()), "nothing refused was stored: " + printable(view.name()));
        }
    }

    @Test
    void policiesThatCannotWorkAreRefusedAndNothingIsStored() throws Exception {
        String url = newDatabase();
        EmbeddedBroker broker = start(url, "one");
        BrokerManagement management = broker.broker().management();
        management.createDestination(DestinationType.QUEUE, "orders");
        management.setDeliveryPolicy(DestinationType.QUEUE, "orders", FIVE_ATTEMPTS);

        Duration overAYear = Duration.ofDays(366);
        List<Runnable> impossible = List.of(
                () -> new DeliveryPolicy(0, Duration.ZERO, 1.0, Duration.ZERO, "DLQ", null),
                () -> new DeliveryPolicy(3, Duration.ofMillis(-1), 1.0, Duration.ZERO, "DLQ", null),
                () -> new DeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ofMillis(-1), "DLQ", null),
                () -> new DeliveryPolicy(3, overAYear, 1.0, Duration.ZERO, "DLQ", null),
                () -> new DeliveryPolicy(3, Duration.ZERO, 1.0, overAYear, "DLQ", null),
                () -> new DeliveryPolicy(3, Duration.ZERO, 0.5, Duration.ZERO, "DLQ", null),
                () -> new DeliveryPolicy(3, Duration.ZERO, Double.NaN, Duration.ZERO, "DLQ", null),
                () -> new DeliveryPolicy(3, Duration.ZERO, Double.POSITIVE_INFINITY, Duration.ZERO, "DLQ", null),
                () -> new DeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, null, null),
                () -> new DeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, " ", null),
                () -> new DeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, "D".repeat(256), null),
                () -> new DeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, "DLQ\u0000", null),
                () -> new DeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, "DLQ", "E".repeat(256)),
                () -> new DeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, "DLQ", "expired\uDBFF"),
                () -> new DeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, "DLQ", ""));
        for (Runnable policy : impossible) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, policy::run);
            assertFalse(refused.getMessage().isBlank());
        }

        // A queue cannot dead-letter into itself.
        DeliveryPolicy intoItself = new DeliveryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, "orders", null);
        ManagementException refused = assertThrows(ManagementException.class,
                () -> management.setDeliveryPolicy(DestinationType.QUEUE, "orders", intoItself));
        assertEquals(ManagementException.Kind.INVALID, refused.kind());
        assertTrue(refused.getMessage().contains("orders"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> broker.broker().setDeliveryPolicy("orders", intoItself));
        assertEquals(FIVE_ATTEMPTS, management.deliveryPolicy(DestinationType.QUEUE, "orders"));
        stop(broker);

        assertEquals(FIVE_ATTEMPTS, start(url, "one").broker().management()
                .deliveryPolicy(DestinationType.QUEUE, "orders"), "the refused policy was not stored");
    }

    @Test
    void aTooLongDeadLetterQueueIsRefusedWhenSetSoDeadLetteringLaterWorks() throws Exception {
        EmbeddedBroker broker = start(newDatabase(), "one");
        BrokerManagement management = broker.broker().management();
        management.createDestination(DestinationType.QUEUE, "orders");
        management.setDeliveryPolicy(DestinationType.QUEUE, "orders", ONE_ATTEMPT);
        String tooLong = "orders.DLQ." + "x".repeat(250);
        assertThrows(IllegalArgumentException.class,
                () -> management.setDeliveryPolicy(DestinationType.QUEUE, "orders",
                        new DeliveryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, tooLong, null)));
        assertEquals(ONE_ATTEMPT, management.deliveryPolicy(DestinationType.QUEUE, "orders"));

        try (Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            session.createProducer(session.createQueue("orders")).send(session.createTextMessage("poison"));
            session.commit();
            assertNotNull(session.createConsumer(session.createQueue("orders")).receive(5_000));
            session.rollback();
        }
        assertEquals(1, management.browse("orders.DLQ", MessageQuery.all()).messages().size(),
                "dead-lettered where the policy in force says");
        assertFalse(has(management, DestinationType.QUEUE, tooLong));
    }

    @Test
    void aStoreFailureWhileSavingASettingChangesNothing() throws Exception {
        String url = newDatabase();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        open.add(pool);
        FaultyDataSource database = new FaultyDataSource(pool);
        EmbeddedBroker broker = EmbeddedBroker.builder().dataSource(database).nodeName("one").start();
        open.add(broker);
        BrokerManagement management = broker.broker().management();
        management.createDestination(DestinationType.QUEUE, "orders");
        management.setDeliveryPolicy(DestinationType.QUEUE, "orders", ONE_ATTEMPT);
        management.setMemoryLimit(DestinationType.QUEUE, "orders", 4_096, "FAIL");
        MemoryLimitView limit = management.memoryLimit(DestinationType.QUEUE, "orders");

        // Writes to the settings tables fail; reading them still works.
        database.failStatements(sql -> (sql.contains("cairn_destination") || sql.contains("cairn_delivery_policy")
                || sql.contains("cairn_memory_limit")) && !sql.startsWith("select"), Integer.MAX_VALUE);
        assertFailed(() -> management.createDestination(DestinationType.QUEUE, "new-queue"));
        assertFalse(has(management, DestinationType.QUEUE, "new-queue"), "not created in memory either");
        assertFailed(() -> management.createDestination(DestinationType.TOPIC, "new-topic"));
        assertFalse(has(management, DestinationType.TOPIC, "new-topic"));
        assertFailed(() -> management.setDeliveryPolicy(DestinationType.QUEUE, "orders", FIVE_ATTEMPTS));
        assertEquals(ONE_ATTEMPT, management.deliveryPolicy(DestinationType.QUEUE, "orders"));
        assertFailed(() -> management.setDeliveryPolicy(DestinationType.QUEUE, "orders", null));
        assertEquals(ONE_ATTEMPT, management.deliveryPolicy(DestinationType.QUEUE, "orders"));
        assertFailed(() -> management.setMemoryLimit(DestinationType.QUEUE, "orders", 1_000_000, "BLOCK"));
        assertFailed(() -> management.clearMemoryLimit(DestinationType.QUEUE, "orders"));
        assertEquals(limit, management.memoryLimit(DestinationType.QUEUE, "orders"));
        assertFailed(() -> management.deleteDestination(DestinationType.QUEUE, "orders"));
        assertTrue(has(management, DestinationType.QUEUE, "orders"), "not deleted in memory either");

        assertTrue(database.injectedFailures() > 0, "the writes met the fault");
        database.heal();
        open.remove(broker);
        broker.close();
        open.remove(pool);
        pool.close();
        BrokerManagement restarted = start(url, "one").broker().management();
        assertEquals(ONE_ATTEMPT, restarted.deliveryPolicy(DestinationType.QUEUE, "orders"));
        assertEquals(limit, restarted.memoryLimit(DestinationType.QUEUE, "orders"));
        assertFalse(has(restarted, DestinationType.QUEUE, "new-queue"));
        assertFalse(has(restarted, DestinationType.TOPIC, "new-topic"));
    }

    private static void assertFailed(Runnable call) {
        ManagementException failed = assertThrows(ManagementException.class, call::run);
        assertEquals(ManagementException.Kind.FAILED, failed.kind(), failed.getMessage());
        assertTrue(failed.getMessage().contains("not changed"), failed.getMessage());
    }

    /** Waits, at most 10 s, for a condition that another broker's periodic re-read makes true. */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 10 s (re-read every " + REREAD_MILLIS + " ms): " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.length() > 40 ? out.substring(0, 40) + "...(" + name.length() + ")" : out.toString();
    }
}
