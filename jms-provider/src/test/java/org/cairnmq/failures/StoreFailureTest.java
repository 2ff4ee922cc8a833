package org.cairnmq.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.destination.DeliveryPolicy;
import org.cairnmq.testing.FaultyDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each write the broker makes to its store, made to fail behind a {@link FaultyDataSource}: the application
 * gets a {@code JMSException} of the right kind, and afterwards, without a restart, every message is either
 * deliverable again (flagged redelivered where it had been delivered) or durably done: none lost, none
 * duplicated, none stranded. "Stranded" is checked by restarting over the same database at the end of each
 * test: a row the broker held but no longer had in memory would come back then. Run on each database
 * through a subclass.
 */
abstract class StoreFailureTest {
    /** Bound for anything the broker does by itself after a failure (its store retry is 1 s). */
    static final long RECOVERY_MILLIS = 20_000;

    private String jdbcUrl;
    private HikariDataSource pool;
    FaultyDataSource database;
    EmbeddedBroker broker;
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    /** A new, empty database; every call gives another. */
    protected abstract String newDatabase();

    @BeforeEach
    void startBroker() {
        jdbcUrl = newDatabase();
        startOver(jdbcUrl);
    }

    private void startOver(String url) {
        startOver(url, org.cairnmq.engine.BrokerOptions.DEFAULT_QUEUE_MEMORY_LIMIT);
    }

    private void startOver(String url, int queueMemoryLimit) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(5_000);
        config.setPoolName("cairn-faulty-store");
        pool = new HikariDataSource(config);
        database = new FaultyDataSource(pool);
        broker = EmbeddedBroker.builder().dataSource(database).nodeName("failing-node")
                .queueMemoryLimit(queueMemoryLimit).start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        database.heal();
        for (AutoCloseable c : closeLast) {
            c.close();
        }
        broker.close();
        pool.close();
    }

    // ---- sends

    @Test
    void sendWhileTheStoreIsDownFailsAndSendsResumeByThemselves() throws Exception {
        Connection connection = open();
        AtomicInteger outagesTold = new AtomicInteger();
        connection.setExceptionListener(e -> outagesTold.incrementAndGet());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("outage");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("before"));

        database.goDown();
        for (int i = 0; i < 3; i++) {
            JMSException failure = assertThrows(JMSException.class,
                    () -> producer.send(session.createTextMessage("during")));
            assertNotNull(failure.getCause() != null ? failure.getCause() : failure.getLinkedException(),
                    "the store's failure is given as the cause");
        }
        await("the ExceptionListener is told of the outage", () -> outagesTold.get() >= 1);
        database.heal();
        producer.send(session.createTextMessage("after"));
        assertEquals(1, outagesTold.get(), "one outage, told once, however many operations failed in it");

        assertEquals(List.of("before", "after"), drain(session, queue));
        assertNothingAfterRestart("outage");
    }

    @Test
    void eachOutageIsToldOnce() throws Exception {
        Connection connection = open();
        AtomicInteger outagesTold = new AtomicInteger();
        connection.setExceptionListener(e -> outagesTold.incrementAndGet());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("outages"));
        for (int outage = 1; outage <= 2; outage++) {
            database.goDown();
            assertThrows(JMSException.class, () -> producer.send(session.createTextMessage("lost")));
            assertThrows(JMSException.class, () -> producer.send(session.createTextMessage("lost")));
            int expected = outage;
            await("outage " + outage + " is told", () -> outagesTold.get() >= expected);
            database.heal();
            producer.send(session.createTextMessage("sent " + outage));
            assertEquals(outage, outagesTold.get());
        }
        assertEquals(List.of("sent 1", "sent 2"), drain(session, session.createQueue("outages")));
    }

    @Test
    void asyncSendWhileTheStoreIsDownTellsItsCompletionListener() throws Exception {
        Connection connection = open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("async-outage");
        MessageProducer producer = session.createProducer(queue);
        database.goDown();
        CountDownLatch told = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        producer.send(session.createTextMessage("lost"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                told.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                failure.set(exception);
                told.countDown();
            }
        });
        assertTrue(told.await(RECOVERY_MILLIS, TimeUnit.MILLISECONDS), "the completion listener is told");
        assertInstanceOf(JMSException.class, failure.get(), "the listener is told of the failure");
        database.heal();
        producer.send(session.createTextMessage("after"));
        assertEquals(List.of("after"), drain(session, queue));
    }

    /**
     * The commit of a send reaches the database, its answer does not: the sender is told it failed (it may
     * send again), and the message that did commit is delivered once, without a restart.
     */
    @Test
    void sendWhoseCommitAnswerIsLostIsDeliveredOnceWithoutRestart() throws Exception {
        Connection connection = open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("ambiguous");
        MessageProducer producer = session.createProducer(queue);
        database.loseCommitAnswers(1);
        assertThrows(JMSException.class, () -> producer.send(session.createTextMessage("in doubt")));
        assertEquals(1, database.injectedFailures());

        MessageConsumer consumer = session.createConsumer(queue);
        Message found = consumer.receive(RECOVERY_MILLIS);
        assertNotNull(found, "the message that committed is found and delivered without a restart");
        assertEquals("in doubt", ((TextMessage) found).getText());
        assertNull(consumer.receive(500), "and only once");
        consumer.close();
        assertNothingAfterRestart("ambiguous");
    }

    /** Many senders share group commits; some commits lose their answer: no message is stored twice. */
    @Test
    void concurrentSendsThroughAmbiguousCommitsAreNeverDuplicated() throws Exception {
        Connection connection = open();
        int senders = 4;
        int each = 60;
        Set<String> told = ConcurrentHashMap.newKeySet();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        CountDownLatch halfway = new CountDownLatch(senders);
        CountDownLatch armed = new CountDownLatch(1); // the second half is sent with the fault in place
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            running.add(threads.submit(() -> {
                try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                    MessageProducer producer = session.createProducer(session.createQueue("ambiguous-load"));
                    for (int i = 0; i < each; i++) {
                        if (i == each / 2) {
                            halfway.countDown();
                            assertTrue(armed.await(RECOVERY_MILLIS, TimeUnit.MILLISECONDS));
                        }
                        String body = sender + "-" + i;
                        try {
                            producer.send(session.createTextMessage(body));
                            told.add(body);
                        } catch (JMSException e) {
                            failed.add(body);
                        }
                    }
                }
                return null;
            }));
        }
        assertTrue(halfway.await(RECOVERY_MILLIS, TimeUnit.MILLISECONDS));
        database.loseCommitAnswers(3);
        armed.countDown();
        for (Future<?> f : running) {
            f.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();
        assertTrue(database.injectedFailures() > 0, "commit answers were lost");

        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("ambiguous-load");
        // Messages in doubt are looked for by the broker within its retry period.
        await("the in-doubt sends are settled", () -> broker.broker().sendsInDoubt() == 0);
        List<String> delivered = drain(session, queue);
        assertNoDuplicates(delivered);
        assertTrue(delivered.containsAll(told), "every send told 'sent' is delivered");
        for (String body : delivered) {
            assertTrue(told.contains(body) || failed.contains(body), "only what was sent: " + body);
        }
        System.out.printf("Ambiguous commits (%s): %d sends told sent, %d told failed (%d of them committed), "
                + "%d delivered, 0 duplicated%n", getClass().getSimpleName(), told.size(), failed.size(),
                delivered.size() - told.size(), delivered.size());
        assertNothingAfterRestart("ambiguous-load");
    }

    // ---- acknowledgements

    /**
     * In client-acknowledge mode a failed {@code acknowledge()} leaves the messages delivered and unacknowledged
     * in the session, as before the call: the application acknowledges again, or recovers the session.
     */
    @Test
    void clientAcknowledgementThatCannotBeWrittenCanBeMadeAgain() throws Exception {
        Connection connection = open();
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("ack-fails");
        session.createProducer(queue).send(session.createTextMessage("m1"));
        MessageConsumer consumer = session.createConsumer(queue);
        Message first = consumer.receive(RECOVERY_MILLIS);

        database.failStatementsContaining("delete from cairn_message");
        assertThrows(JMSException.class, first::acknowledge);
        database.heal();
        first.acknowledge();
        assertNull(consumer.receive(300), "acknowledged: not delivered again");
        consumer.close();
        assertEquals(0, broker.broker().queueDepth("ack-fails"));
        assertNothingAfterRestart("ack-fails");
    }

    @Test
    void clientAcknowledgementThatCannotBeWrittenLeavesTheMessageToRecover() throws Exception {
        Connection connection = open();
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("ack-fails-recover");
        session.createProducer(queue).send(session.createTextMessage("m1"));
        MessageConsumer consumer = session.createConsumer(queue);
        Message first = consumer.receive(RECOVERY_MILLIS);
        assertFalse(first.getJMSRedelivered());

        database.failStatementsContaining("delete from cairn_message");
        assertThrows(JMSException.class, first::acknowledge);
        session.recover(); // while the store still fails: recovering writes nothing that must succeed
        database.heal();

        Message again = consumer.receive(RECOVERY_MILLIS);
        assertNotNull(again, "the message comes again without a restart");
        assertEquals("m1", ((TextMessage) again).getText());
        assertTrue(again.getJMSRedelivered(), "flagged as redelivered");
        again.acknowledge();
        assertNull(consumer.receive(300));
        consumer.close();
        assertNothingAfterRestart("ack-fails-recover");
    }

    @Test
    void autoAcknowledgedReceiveWhoseAcknowledgementFailsThrowsAndTheMessageComesAgain() throws Exception {
        Connection connection = open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("auto-ack-fails");
        session.createProducer(queue).send(session.createTextMessage("m1"));
        MessageConsumer consumer = session.createConsumer(queue);

        database.failStatementsContaining("delete from cairn_message");
        assertThrows(JMSException.class, () -> consumer.receive(RECOVERY_MILLIS));
        database.heal();

        Message again = consumer.receive(RECOVERY_MILLIS);
        assertNotNull(again, "the message comes again without a restart");
        assertTrue(again.getJMSRedelivered());
        assertNull(consumer.receive(300), "once");
        consumer.close();
        assertNothingAfterRestart("auto-ack-fails");
    }

    /**
     * A listener whose acknowledgements cannot be written backs off until the store answers, instead of
     * being handed the same message again and again (and pushing it to the dead-letter queue).
     */
    @Test
    void listenerBacksOffWhileTheStoreIsDownAndResumesByItself() throws Exception {
        Connection connection = open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("listened");
        session.createProducer(queue).send(session.createTextMessage("m1"));
        connection.stop();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        listening.createConsumer(queue).setMessageListener(m -> {
            try {
                seen.add(((TextMessage) m).getText() + (m.getJMSRedelivered() ? " again" : ""));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        database.goDown();
        connection.start();
        await("the listener had the message and its acknowledgement failed", () -> seen.size() >= 1);
        // The broker probes the store every second while it is down: let a few probes fail.
        await("three probes failed", () -> database.injectedFailures() >= 4);
        assertEquals(List.of("m1"), seen, "not handed again while the store is down");
        database.heal();
        await("delivered again once the store answers", () -> seen.size() >= 2);
        assertEquals(List.of("m1", "m1 again"), seen);
        await("acknowledged", () -> broker.broker().queueDepth("listened") == 0);
        assertNothingAfterRestart("listened");
        assertEquals(2, seen.size(), "and not after that");
    }

    // ---- transactions

    @Test
    void commitThatFailsRollsBackAndLosesNothing() throws Exception {
        Connection connection = open();
        Session setup = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue in = setup.createQueue("tx-in");
        Queue out = setup.createQueue("tx-out");
        setup.createProducer(in).send(setup.createTextMessage("input"));

        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(in);
        MessageProducer producer = session.createProducer(out);
        assertEquals("input", ((TextMessage) consumer.receive(RECOVERY_MILLIS)).getText());
        producer.send(session.createTextMessage("output"));
        database.failCommits(1);
        assertThrows(TransactionRolledBackException.class, session::commit);
        assertEquals(1, database.injectedFailures());

        Message again = consumer.receive(RECOVERY_MILLIS);
        assertNotNull(again, "what the failed transaction consumed is delivered again at once");
        assertTrue(again.getJMSRedelivered());
        producer.send(session.createTextMessage("output"));
        session.commit();
        assertNull(consumer.receive(300));
        consumer.close();

        assertEquals(List.of("output"), drain(setup, out), "the send of the failed transaction is not there");
        assertNothingAfterRestart("tx-in", "tx-out");
    }

    @Test
    void rollbackAfterAFailedCommitGivesTheDeliveriesBack() throws Exception {
        Connection connection = open();
        Session setup = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue in = setup.createQueue("tx-rollback");
        setup.createProducer(in).send(setup.createTextMessage("input"));

        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(in);
        assertNotNull(consumer.receive(RECOVERY_MILLIS));
        database.failStatementsContaining("delete from cairn_message");
        assertThrows(TransactionRolledBackException.class, session::commit);
        database.heal();
        session.rollback(); // nothing left to give back: the failed commit rolled back already
        Message again = consumer.receive(RECOVERY_MILLIS);
        assertNotNull(again);
        assertTrue(again.getJMSRedelivered());
        session.commit();
        assertNull(consumer.receive(300), "delivered once more, not twice");
        consumer.close();
        assertNothingAfterRestart("tx-rollback");
    }

    /**
     * A rollback records the new delivery count in the store; when that write fails, the rollback still
     * succeeds and the count in memory holds (only a restart could undercount it).
     */
    @Test
    void deliveryCountThatCannotBeRecordedStillCountsInMemory() throws Exception {
        Connection connection = open();
        Session setup = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = setup.createQueue("counted");
        setup.createProducer(queue).send(setup.createTextMessage("m1"));
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);
        assertNotNull(consumer.receive(RECOVERY_MILLIS));
        database.failStatementsContaining("delivery_count");
        session.rollback();
        assertTrue(database.injectedFailures() > 0, "the count's write failed");
        database.heal();
        Message again = consumer.receive(RECOVERY_MILLIS);
        assertNotNull(again);
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        session.commit();
        consumer.close();
        assertNothingAfterRestart("counted");
    }

    // ---- the broker's own moves

    @Test
    void deadLetterMoveThatFailsIsTriedAgainAndLosesNothing() throws Exception {
        broker.broker().setDeliveryPolicy("poison", new DeliveryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO,
                "poison.DLQ", null));
        Connection connection = open();
        Session setup = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue poison = setup.createQueue("poison");
        setup.createProducer(poison).send(setup.createTextMessage("bad"));

        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(poison);
        assertNotNull(consumer.receive(RECOVERY_MILLIS));
        database.failStatementsContaining("insert into cairn_message");
        session.rollback(); // the move to the dead-letter queue fails in the background, not here
        await("the move was tried", () -> database.injectedFailures() >= 1);
        assertNull(consumer.receive(300), "a message being dead-lettered is not delivered again");
        database.heal();

        MessageConsumer dead = setup.createConsumer(setup.createQueue("poison.DLQ"));
        Message moved = dead.receive(RECOVERY_MILLIS);
        assertNotNull(moved, "the move is tried again until it succeeds");
        assertEquals("bad", ((TextMessage) moved).getText());
        assertNull(dead.receive(300), "moved once");
        dead.close();
        consumer.close();
        assertEquals(0, broker.broker().queueDepth("poison"));
        assertNothingAfterRestart("poison", "poison.DLQ");
    }

    @Test
    void expiryMoveThatFailsIsTriedAgainAndLosesNothing() throws Exception {
        broker.broker().setDeliveryPolicy("perishable", new DeliveryPolicy(10, Duration.ZERO, 1.0, Duration.ZERO,
                "DLQ", "perishable.expired"));
        Connection connection = open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("perishable");
        MessageProducer producer = session.createProducer(queue);
        producer.setTimeToLive(100);
        TextMessage stale = session.createTextMessage("stale");
        producer.send(stale);
        await("the message expired", () -> {
            try {
                return System.currentTimeMillis() > stale.getJMSExpiration() + 20;
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
        });
        database.failStatementsContaining("insert into cairn_message");
        MessageConsumer consumer = session.createConsumer(queue);
        // Receiving finds the message expired and moves it: the move fails, it is not delivered.
        await("the expiry move was tried", () -> {
            try {
                assertNull(consumer.receive(200));
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
            return database.injectedFailures() >= 1;
        });
        database.heal();
        MessageConsumer expired = session.createConsumer(session.createQueue("perishable.expired"));
        Message moved = expired.receive(RECOVERY_MILLIS);
        assertNotNull(moved, "the expired message reaches the expiry queue once the store answers");
        assertNull(expired.receive(300), "once");
        expired.close();
        consumer.close();
        assertNothingAfterRestart("perishable", "perishable.expired");
    }

    // ---- page loads

    /**
     * A queue deeper than its memory limit loads pages from the store. A page load that fails is tried
     * again; one whose claims committed but whose answer was lost must not leave those rows claimed and
     * out of memory until a restart.
     */
    @Test
    void pageLoadsThatFailAreTriedAgainAndStrandNothing() throws Exception {
        broker.close();
        pool.close();
        startOver(jdbcUrl, 4);
        Connection connection = open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("paged");
        MessageProducer producer = session.createProducer(queue);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            producer.send(session.createTextMessage("m" + i));
            sent.add("m" + i);
        }
        database.loseCommitAnswersOf("set claimed_by", 1); // a claim (fenced acknowledgements name claimed_by too)
        // Reads of a page: selects, and PostgreSQL's one-statement claim (with … update … returning).
        database.failStatements(sql -> sql.contains("cairn_message")
                && (sql.startsWith("select") || sql.startsWith("with")), 2);
        // A failed page load is tried again after a second: wait longer than that for the next message.
        List<String> delivered = drain(session, queue, 5_000);
        assertNoDuplicates(delivered);
        assertEquals(new java.util.HashSet<>(sent), new java.util.HashSet<>(delivered), "every message, once");
        assertTrue(database.injectedFailures() > 0, "page loads failed");
        assertNothingAfterRestart("paged");
    }

    // ---- subscriptions, close, interrupts

    @Test
    void durableSubscriptionThatCannotBeStoredIsRefusedAndCanBeMadeLater() throws Exception {
        Connection connection = broker.connectionFactory().createConnection();
        connection.setClientID("failing-subscriber");
        closeLast.add(connection);
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("news");
        database.goDown();
        assertThrows(JMSException.class, () -> session.createDurableConsumer(topic, "sub"));
        database.heal();
        MessageConsumer subscriber = session.createDurableConsumer(topic, "sub");
        session.createProducer(topic).send(session.createTextMessage("headline"));
        assertEquals("headline", ((TextMessage) subscriber.receive(RECOVERY_MILLIS)).getText());
        assertNull(subscriber.receive(300));
    }

    @Test
    void unsubscribeThatCannotBeStoredIsRefusedAndKeepsTheSubscription() throws Exception {
        Connection connection = broker.connectionFactory().createConnection();
        connection.setClientID("unsubscriber");
        closeLast.add(connection);
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("bulletins");
        session.createDurableConsumer(topic, "kept").close();
        session.createProducer(topic).send(session.createTextMessage("kept for the subscriber"));
        database.goDown();
        assertThrows(JMSException.class, () -> session.unsubscribe("kept"));
        database.heal();
        MessageConsumer subscriber = session.createDurableConsumer(topic, "kept");
        assertEquals("kept for the subscriber", ((TextMessage) subscriber.receive(RECOVERY_MILLIS)).getText(),
                "the subscription and its message are still there");
        subscriber.close();
        session.unsubscribe("kept");
    }

    /** The simplified API gives the runtime twins of the same exceptions. */
    @Test
    void contextOperationsThrowTheRuntimeTwins() throws Exception {
        try (JMSContext context = broker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = context.createQueue("context-outage");
            context.createProducer().send(queue, "committed");
            context.commit();
            JMSConsumer consumer = context.createConsumer(queue);
            assertEquals("committed", consumer.receiveBody(String.class, RECOVERY_MILLIS));
            database.failCommits(1);
            assertThrows(TransactionRolledBackRuntimeException.class, context::commit);
            assertEquals("committed", consumer.receiveBody(String.class, RECOVERY_MILLIS), "given back");
            context.commit();
            database.goDown();
            context.createProducer().send(queue, "lost"); // kept by the transaction until its commit
            assertThrows(TransactionRolledBackRuntimeException.class, context::commit);
            try (JMSContext autoAcknowledged = context.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
                JMSRuntimeException failure = assertThrows(JMSRuntimeException.class,
                        () -> autoAcknowledged.createProducer().send(queue, "lost too"));
                assertNotNull(failure.getCause(), "the store's failure is given as the cause");
            }
            database.heal();
            assertNull(consumer.receiveBody(String.class, 300));
            consumer.close();
        }
        assertNothingAfterRestart("context-outage");
    }

    @Test
    void closeWhileTheStoreIsDownReturnsAndTheDeliveriesComeAgain() throws Exception {
        Connection connection = broker.connectionFactory().createConnection();
        connection.start();
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("close-in-outage");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("a"));
        producer.send(session.createTextMessage("b"));
        MessageConsumer consumer = session.createConsumer(queue);
        assertNotNull(consumer.receive(RECOVERY_MILLIS));
        assertNotNull(consumer.receive(RECOVERY_MILLIS));

        database.goDown();
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try {
            closer.submit(() -> {
                connection.close();
                return null;
            }).get(RECOVERY_MILLIS, TimeUnit.MILLISECONDS); // a close that hangs fails the test here
        } finally {
            closer.shutdownNow();
        }
        database.heal();

        Connection next = open();
        Session s = next.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(queue);
        List<String> again = new ArrayList<>();
        for (Message m = c.receive(RECOVERY_MILLIS); m != null; m = c.receive(300)) {
            assertTrue(m.getJMSRedelivered());
            again.add(((TextMessage) m).getText());
        }
        assertEquals(List.of("a", "b"), again);
        c.close();
        assertNothingAfterRestart("close-in-outage");
    }

    @Test
    void interruptedReceiveThenCloseDoesNotTakeTheNextMessage() throws Exception {
        Connection connection = open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("interrupted");
        MessageConsumer waiting = session.createConsumer(queue);
        CountDownLatch receiving = new CountDownLatch(1);
        Thread receiver = new Thread(() -> {
            receiving.countDown();
            try {
                waiting.receive();
            } catch (JMSException | RuntimeException e) {
                // an interrupted receive may end either way; what matters is the next message
            }
        });
        receiver.start();
        assertTrue(receiving.await(RECOVERY_MILLIS, TimeUnit.MILLISECONDS));
        await("the receiver waits", () -> receiver.getState() == Thread.State.WAITING
                || receiver.getState() == Thread.State.TIMED_WAITING);
        receiver.interrupt();
        receiver.join(RECOVERY_MILLIS);
        assertFalse(receiver.isAlive(), "an interrupted receive returns");
        waiting.close();

        Session other = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        other.createProducer(queue).send(other.createTextMessage("next"));
        MessageConsumer consumer = other.createConsumer(queue);
        Message next = consumer.receive(RECOVERY_MILLIS);
        assertNotNull(next, "the closed consumer did not take it");
        assertEquals("next", ((TextMessage) next).getText());
        consumer.close();
    }

    // ---- helpers

    Connection open() throws JMSException {
        Connection connection = broker.connectionFactory().createConnection();
        closeLast.add(connection);
        connection.start();
        return connection;
    }

    static List<String> drain(Session session, Queue queue) throws JMSException {
        return drain(session, queue, 500);
    }

    /** Receives until nothing came for {@code quietMillis}. */
    static List<String> drain(Session session, Queue queue, long quietMillis) throws JMSException {
        List<String> bodies = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(queue)) {
            for (Message m = consumer.receive(RECOVERY_MILLIS); m != null; m = consumer.receive(quietMillis)) {
                bodies.add(((TextMessage) m).getText());
            }
        }
        return bodies;
    }

    static void assertNoDuplicates(List<String> delivered) {
        Map<String, Integer> counts = new HashMap<>();
        delivered.forEach(b -> counts.merge(b, 1, Integer::sum));
        counts.values().removeIf(n -> n == 1);
        assertEquals(Collections.emptyMap(), counts, "messages delivered more than once");
    }

    /**
     * Closes the broker and starts another over the same database: each named queue must be empty there, so
     * that nothing the failures touched was left behind in the store to come back after a restart.
     */
    void assertNothingAfterRestart(String... queues) throws Exception {
        for (AutoCloseable c : closeLast) {
            c.close();
        }
        closeLast.clear();
        database.heal();
        broker.close();
        pool.close();
        startOver(jdbcUrl);
        Connection connection = open();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        for (String name : queues) {
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(name))) {
                Message left = consumer.receive(300);
                assertNull(left, "left in " + name + " after a restart: "
                        + (left instanceof TextMessage t ? t.getText() : left));
            }
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECOVERY_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + RECOVERY_MILLIS + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }
}
