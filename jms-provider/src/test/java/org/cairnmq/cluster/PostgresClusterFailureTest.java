package org.cairnmq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.LeaseControl;
import org.cairnmq.engine.RelayProbe;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.jms.JmsQueue;
import org.cairnmq.jms.JmsTopic;
import org.cairnmq.testing.FaultyDataSource;
import org.cairnmq.testing.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures of the machinery that makes brokers on one PostgreSQL database one broker (docs/cluster.md): a
 * node's database outage outlasting its lease, lost {@code NOTIFY}s, a broken {@code LISTEN} connection, a
 * failed hand-back of a lone node's messages and failed takeovers. One node reaches the database through a
 * {@link FaultyDataSource}. After each, every message is acknowledged exactly once, on some node: none lost,
 * duplicated or stranded (the store holds nothing at the end).
 */
@PostgresTest
class PostgresClusterFailureTest {
    private static final long LEASE_MILLIS = 1_500;
    /** Bound for anything the nodes do by themselves: takeovers, polling (at most every 5 s), reconnects. */
    private static final long BOUND_MILLIS = 30_000;
    private final ClusterNodes cluster = new ClusterNodes(LEASE_MILLIS);
    private final List<FaultyDataSource> faults = new ArrayList<>();

    @AfterEach
    void stop() {
        faults.forEach(FaultyDataSource::heal); // the nodes stop cleanly
        cluster.close();
    }

    /** A node reaching the database through a data source the test makes fail. */
    private FaultyDataSource faulty(String name, Broker[] node) {
        FaultyDataSource[] database = new FaultyDataSource[1];
        node[0] = cluster.node(name, pool -> database[0] = new FaultyDataSource(pool));
        faults.add(database[0]);
        return database[0];
    }

    @Test
    void aNodeWhoseDatabaseIsGoneLongerThanItsLeaseIsTakenOverAndRejoins() throws Exception {
        Broker[] nodeA = new Broker[1];
        FaultyDataSource databaseOfA = faulty("a", nodeA);
        Broker a = nodeA[0];
        Broker b = cluster.node("b");
        Set<String> sent = Set.of(texts("m", 20));
        send(b, "jobs", texts("m", 20));
        Session sessionOnA = clientAcknowledged(a);
        MessageConsumer onA = sessionOnA.createConsumer(new JmsQueue("jobs"));
        Message taken = onA.receive(BOUND_MILLIS); // a claims it (and a few more), and does not acknowledge
        assertNotNull(taken);

        databaseOfA.goDown(); // renewals fail until a's lease runs out; b takes over what a claimed
        awaitTrue(() -> !LeaseControl.holdsClaims(a), "a sees its own lease run out");
        MessageConsumer onB = clientAcknowledged(b).createConsumer(new JmsQueue("jobs"));
        Map<String, Integer> acknowledged = new TreeMap<>();
        receiveUntilAll(sent, acknowledged, onB);

        databaseOfA.heal(); // a finds its row gone, gives its claims up and joins again
        assertThrows(JMSException.class, taken::acknowledge, "b delivered it: a cannot acknowledge it");
        awaitTrue(() -> LeaseControl.holdsClaims(a), "a holds a lease again");
        onB.close(); // the next messages can only go to a
        send(b, "jobs", texts("n", 5));
        receiveUntilAll(Set.of(texts("n", 5)), acknowledged, onA);
        assertEachOnce(union(sent, Set.of(texts("n", 5))), acknowledged);
        assertNull(onA.receive(300), "nothing delivered twice");
        assertEquals(0, b.queueDepth("jobs"), "nothing stranded in the store");
    }

    @Test
    void consumersOnAnotherNodeReceiveEverythingWhenTheSendingNodesNotifyFails() throws Exception {
        Broker[] nodeA = new Broker[1];
        FaultyDataSource databaseOfA = faulty("a", nodeA);
        Broker b = cluster.node("b");
        MessageConsumer onB = clientAcknowledged(b).createConsumer(new JmsQueue("quiet"));
        assertNull(onB.receive(300)); // b waits on an empty queue: it polls (the fall-back) from now on
        // Every NOTIFY a sends fails (ChangeSignals sends it as "select pg_notify(?, ?)").
        databaseOfA.failStatementsContaining("pg_notify");
        send(nodeA[0], "quiet", texts("m", 10));
        Map<String, Integer> acknowledged = new TreeMap<>();
        receiveUntilAll(Set.of(texts("m", 10)), acknowledged, onB);
        assertTrue(databaseOfA.injectedFailures() > 0, "a's notifications did fail");
        assertEachOnce(Set.of(texts("m", 10)), acknowledged);
        assertNull(onB.receive(300), "nothing delivered twice");
        assertEquals(0, b.queueDepth("quiet"));
    }

    @Test
    void aNodeWhoseListeningConnectionBrokeStillReceivesWhatAnotherNodeSends() throws Exception {
        Broker a = cluster.node("a");
        Broker b = cluster.node("b", pool -> pool); // its connections are named "b" in pg_stat_activity
        MessageConsumer onB = clientAcknowledged(b).createConsumer(new JmsQueue("heard"));
        Map<String, Integer> acknowledged = new TreeMap<>();
        send(a, "heard", "before");
        receiveUntilAll(Set.of("before"), acknowledged, onB);

        try (java.sql.Connection admin = DriverManager.getConnection(cluster.url())) {
            int listener = listenerOf(admin, "b");
            assertTrue(listener > 0, "b listens");
            // As a network failure or a restart of the backend would: b's LISTEN connection breaks.
            try (PreparedStatement kill = admin.prepareStatement("select pg_terminate_backend(?)")) {
                kill.setInt(1, listener);
                kill.execute();
            }
            send(a, "heard", "during"); // probably while b does not listen: its notification is lost
            awaitTrue(() -> listenerOf(admin, "b") > 0 && listenerOf(admin, "b") != listener, "b listens again");
        }
        send(a, "heard", "after");
        Set<String> all = Set.of("before", "during", "after");
        receiveUntilAll(all, acknowledged, onB);
        assertEachOnce(all, acknowledged);
        assertNull(onB.receive(300), "nothing delivered twice");
        assertEquals(0, b.queueDepth("heard"));
    }

    @Test
    void aLoneNodeThatCannotHandItsMessagesBackWhenAnotherJoinsDeliversThemItself() throws Exception {
        Broker[] nodeA = new Broker[1];
        FaultyDataSource databaseOfA = faulty("a", nodeA);
        Broker a = nodeA[0];
        MessageConsumer onA = clientAcknowledged(a).createConsumer(new JmsQueue("kept")); // open, not receiving yet
        send(a, "kept", texts("m", 30)); // alone: a keeps them in memory, claimed
        assertEquals(30, a.queueMessagesInMemory("kept"));
        failHandBack(databaseOfA);
        Broker b = cluster.node("b");
        awaitTrue(() -> databaseOfA.injectedFailures() == 1, "a tries to hand its messages back when b joins");
        awaitTrue(() -> a.queueMessagesInMemory("kept") == 30, "a holds them again, for its own consumer");

        MessageConsumer onB = clientAcknowledged(b).createConsumer(new JmsQueue("kept"));
        Map<String, Integer> acknowledged = new TreeMap<>();
        Set<String> sent = Set.of(texts("m", 30));
        receiveUntilAll(sent, acknowledged, onA);
        assertEachOnce(sent, acknowledged);
        assertNull(onB.receive(300), "a held them all: b gets none, and nothing is delivered twice");
        assertEquals(0, b.queueDepth("kept"));
    }

    @Test
    void aFailedHandBackIsTriedAgainWhileNoConsumerOfTheNodeTakesTheMessages() throws Exception {
        Broker[] nodeA = new Broker[1];
        FaultyDataSource databaseOfA = faulty("a", nodeA);
        Broker a = nodeA[0];
        send(a, "kept", texts("m", 30)); // alone: a keeps them in memory, claimed, and has no consumer
        failHandBack(databaseOfA);
        Broker b = cluster.node("b");
        MessageConsumer onB = clientAcknowledged(b).createConsumer(new JmsQueue("kept"));
        Map<String, Integer> acknowledged = new TreeMap<>();
        Set<String> sent = Set.of(texts("m", 30));
        receiveUntilAll(sent, acknowledged, onB); // a hands them back at a later renewal
        assertEquals(1, databaseOfA.injectedFailures(), "the first hand-back failed");
        assertEachOnce(sent, acknowledged);
        assertNull(onB.receive(300), "nothing delivered twice");
        assertEquals(0, a.queueMessagesInMemory("kept"));
        assertEquals(0, b.queueDepth("kept"));
    }

    @Test
    void sendsRacingAnotherNodesJoinAreNotStrandedOnTheSendingNode() throws Exception {
        Broker a = cluster.node("a");
        Broker b = cluster.node("b"); // a learns of b at its next renewal, while it sends
        MessageConsumer onB = clientAcknowledged(b).createConsumer(new JmsQueue("racing"));
        Set<String> sent = new java.util.HashSet<>();
        try (Connection connection = new JmsConnectionFactory(a).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(new JmsQueue("racing"));
            // Sends until a has seen b (its depth is then the store's count): the send under way then chose
            // a's memory while a was alone, and may be enqueued after a handed its messages to the store.
            for (int i = 0; i < 50 || i < 20_000 && a.queueDepth("racing") == a.queueMessagesInMemory("racing"); i++) {
                producer.send(session.createTextMessage("m" + i));
                sent.add("m" + i);
            }
        }
        Map<String, Integer> acknowledged = new TreeMap<>();
        receiveUntilAll(sent, acknowledged, onB);
        assertEachOnce(sent, acknowledged);
        assertEquals(0, a.queueMessagesInMemory("racing"), "nothing stranded in a's memory");
    }

    @Test
    void aFailedTakeoverOfADeadNodeIsTriedAgainAndItsMessagesAreDeliveredOnce() throws Exception {
        Broker a = cluster.node("a");
        Broker[] nodeB = new Broker[1];
        FaultyDataSource databaseOfB = faulty("b", nodeB);
        Broker b = nodeB[0];
        Set<String> sent = Set.of(texts("m", 10));
        send(b, "orphans", texts("m", 10));
        Message taken = clientAcknowledged(a).createConsumer(new JmsQueue("orphans")).receive(BOUND_MILLIS);
        assertNotNull(taken); // a claims it (and a few more), and does not acknowledge

        // b's first three takeovers fail at the statement that clears the dead node's claims.
        databaseOfB.failStatements(sql -> sql.contains("set claimed_by = null, delivery_count"), 3);
        LeaseControl.pauseRenewals(a, true); // a is dead to the others: its lease runs out
        MessageConsumer onB = clientAcknowledged(b).createConsumer(new JmsQueue("orphans"));
        Map<String, Integer> acknowledged = new TreeMap<>();
        List<Message> received = receiveUntilAll(sent, acknowledged, onB);
        assertEquals(3, databaseOfB.injectedFailures(), "b's takeover failed three times, then was tried again");
        assertEachOnce(sent, acknowledged);
        String takenText = ((TextMessage) taken).getText();
        assertTrue(received.stream().anyMatch(m -> redelivered(m) && text(m).equals(takenText)),
                "what a had delivered comes flagged redelivered");
        assertNull(onB.receive(300), "nothing delivered twice");
        assertEquals(0, b.queueDepth("orphans"));
    }

    // ---- helpers

    /** The next hand-back of a lone node's messages fails (DispatchClaims.release, as Hibernate writes it). */
    private static void failHandBack(FaultyDataSource database) {
        database.failStatements(sql -> sql.startsWith("update cairn_message")
                && sql.contains("set claimed_by=null where") && sql.contains(".id in"), 1);
    }

    @Test
    void aRelayWhoseHandOverFailsTriesAgainAndItsSubscriberGetsEachMessageOnceInOrder() throws Exception {
        Broker a = cluster.node("a");
        Broker[] nodeB = new Broker[1];
        FaultyDataSource databaseOfB = faulty("b", nodeB);
        MessageConsumer onB = cluster.connect(nodeB[0]).createSession().createConsumer(new JmsTopic("feed"));
        awaitTrue(() -> RelayProbe.relaysTo(a, "feed") == 1, "a hears of b's relay");
        // b's relay deletes what it hands to its subscriber in one commit with the hand-over: it fails twice.
        databaseOfB.failCommits(2);
        publish(a, "feed", texts("m", 10));
        for (String expected : texts("m", 10)) {
            TextMessage m = (TextMessage) onB.receive(BOUND_MILLIS);
            assertNotNull(m, expected + " relayed to b");
            assertEquals(expected, m.getText(), "in order, each once");
        }
        assertTrue(databaseOfB.injectedFailures() > 0, "the hand-over did fail");
        assertNull(onB.receive(300), "nothing relayed twice");
    }

    @Test
    void aSubscriberWhoseRelayCannotBeRecordedIsRefusedAndTheNextOneReceives() throws Exception {
        Broker a = cluster.node("a");
        Broker[] nodeB = new Broker[1];
        FaultyDataSource databaseOfB = faulty("b", nodeB);
        Session session = cluster.connect(nodeB[0]).createSession();
        databaseOfB.failStatements(sql -> sql.startsWith("insert into cairn_subscription"), 1);
        assertThrows(JMSException.class, () -> session.createConsumer(new JmsTopic("feed")),
                "without its relay, the subscriber would miss what other nodes publish");
        MessageConsumer onB = session.createConsumer(new JmsTopic("feed"));
        awaitTrue(() -> RelayProbe.relaysTo(a, "feed") == 1, "a hears of b's relay");
        publish(a, "feed", "after");
        TextMessage m = (TextMessage) onB.receive(BOUND_MILLIS);
        assertNotNull(m);
        assertEquals("after", m.getText());
    }

    @Test
    void aRelayThatCouldNotBeDeletedWithItsLastSubscriberIsDeletedLater() throws Exception {
        Broker a = cluster.node("a");
        Broker[] nodeB = new Broker[1];
        FaultyDataSource databaseOfB = faulty("b", nodeB);
        MessageConsumer onB = cluster.connect(nodeB[0]).createSession().createConsumer(new JmsTopic("feed"));
        awaitTrue(() -> RelayProbe.relaysTo(a, "feed") == 1, "a hears of b's relay");
        databaseOfB.failStatements(sql -> sql.startsWith("delete from cairn_subscription"), 1);
        onB.close();
        assertTrue(databaseOfB.injectedFailures() > 0, "the relay's delete did fail");
        // Left in the store, a would write for b's subscriber forever: b deletes it at its next look.
        awaitTrue(() -> RelayProbe.relaysTo(a, "feed") == 0, "b's relay deleted after all");
    }

    private static void publish(Broker broker, String topic, String... texts) throws JMSException {
        try (Connection connection = new JmsConnectionFactory(broker).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(new JmsTopic(topic));
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    private Session clientAcknowledged(Broker broker) throws JMSException {
        return cluster.connect(broker).createSession(false, Session.CLIENT_ACKNOWLEDGE);
    }

    private static void send(Broker broker, String queue, String... texts) throws JMSException {
        try (Connection connection = new JmsConnectionFactory(broker).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(new JmsQueue(queue));
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    /**
     * Receives on the consumers in turn, acknowledging each message, until every text of {@code expected}
     * was acknowledged; counts in {@code acknowledged} each one whose acknowledgement went through.
     *
     * @return every message received
     */
    private static List<Message> receiveUntilAll(Set<String> expected, Map<String, Integer> acknowledged,
            MessageConsumer... consumers) throws JMSException {
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (!acknowledged.keySet().containsAll(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not received within " + BOUND_MILLIS + " ms; acknowledged so far: "
                        + acknowledged.keySet());
            }
            for (MessageConsumer consumer : consumers) {
                Message message = consumer.receive(100);
                if (message == null) {
                    continue;
                }
                received.add(message);
                try {
                    message.acknowledge();
                    acknowledged.merge(text(message), 1, Integer::sum);
                } catch (JMSException lost) {
                    // a claim lost to another node: that node delivers it, counted there
                }
            }
        }
        return received;
    }

    private static void assertEachOnce(Set<String> expected, Map<String, Integer> acknowledged) {
        assertEquals(new TreeMap<>(expected.stream().collect(java.util.stream.Collectors.toMap(t -> t, t -> 1))),
                acknowledged, "each message acknowledged once, and nothing else");
    }

    /** The pid of the backend on which the node of that name listens, or 0. */
    private static int listenerOf(java.sql.Connection admin, String node) {
        try (PreparedStatement find = admin.prepareStatement("select pid from pg_stat_activity "
                + "where application_name = ? and query ilike 'listen%'")) {
            find.setString(1, node);
            try (ResultSet r = find.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean redelivered(Message message) {
        try {
            return message.getJMSRedelivered();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] texts(String prefix, int count) {
        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            texts[i] = prefix + i;
        }
        return texts;
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new java.util.HashSet<>(first);
        all.addAll(second);
        return all;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + BOUND_MILLIS + " ms: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
