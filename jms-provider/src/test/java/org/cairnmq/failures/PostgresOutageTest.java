package org.cairnmq.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.testing.PostgresCluster;
import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL failing under a loaded broker: the message table locked by another session for longer
 * than the statement timeout, and the server killed ({@code pg_ctl -m immediate}) and started again. Each
 * ends with every send told "sent" delivered exactly once, no message delivered twice, and nothing left in
 * the store, without restarting the broker (a restart at the end checks that nothing was left behind).
 *
 * <p>{@code -Dcairn.test.lockSeconds=N} sets how long the table stays locked (default 5; the figure
 * is taken with 30), {@code -Dcairn.test.statementTimeoutSeconds=N} the broker's statement timeout (default 2,
 * to keep the test short; the broker's own default is 10).
 */
@PostgresTest
class PostgresOutageTest {
    private static final long BOUND_MILLIS = 60_000;

    @Test
    void tableLockedLongerThanTheStatementTimeoutFailsSendsInTimeAndLosesNothing() throws Exception {
        int lockSeconds = Integer.getInteger("cairn.test.lockSeconds", 5);
        String url = PostgresExtension.cluster().createDatabase();
        int timeoutSeconds = Integer.getInteger("cairn.test.statementTimeoutSeconds", 2);
        String previous = System.setProperty("cairn.store.statementTimeoutSeconds", Integer.toString(timeoutSeconds));
        EmbeddedBroker broker;
        try {
            broker = EmbeddedBroker.builder().jdbcUrl(url).nodeName("locked-out").start();
        } finally {
            restore("cairn.store.statementTimeoutSeconds", previous);
        }
        Set<String> told = ConcurrentHashMap.newKeySet();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        AtomicBoolean locked = new AtomicBoolean();
        AtomicLong failedWhileLocked = new AtomicLong();
        AtomicLong longestSendMillis = new AtomicLong();
        try (broker; Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("locked");
            MessageProducer producer = session.createProducer(queue);
            CountDownLatch lockHeld = new CountDownLatch(1);
            CountDownLatch lockReleased = new CountDownLatch(1);
            Thread locker = new Thread(() -> holdLock(url, lockSeconds, locked, lockHeld, lockReleased));
            int sent = 0;
            for (; sent < 20; sent++) {
                send(producer, session, "before-" + sent, told, failed, locked, failedWhileLocked, longestSendMillis);
            }
            locker.start();
            assertTrue(lockHeld.await(BOUND_MILLIS, TimeUnit.MILLISECONDS), "the lock was taken");
            while (lockReleased.getCount() > 0) {
                send(producer, session, "during-" + sent++, told, failed, locked, failedWhileLocked, longestSendMillis);
            }
            for (int i = 0; i < 20; i++) {
                send(producer, session, "after-" + i, told, failed, locked, failedWhileLocked, longestSendMillis);
            }
            locker.join(BOUND_MILLIS);
            assertTrue(failedWhileLocked.get() > 0, "a send behind the lock failed before the lock was released");
            for (int i = 0; i < 20; i++) {
                assertTrue(told.contains("after-" + i), "sends succeed again once the lock is gone");
            }
            List<String> delivered = StoreFailureTest.drain(session, queue);
            checkExactlyOnce(delivered, told, failed);
            System.out.printf("Table lock of %d s (statement timeout %d s): %d sends told sent, %d failed "
                    + "(%d while locked), longest send %d ms, %d delivered, 0 lost, 0 duplicated%n", lockSeconds,
                    timeoutSeconds,
                    told.size(), failed.size(), failedWhileLocked.get(), longestSendMillis.get(), delivered.size());
        }
        assertNothingAfterRestart(url, "locked");
    }

    @Test
    void serverKilledAndRestartedUnderLoadLosesAndDuplicatesNothing() throws Exception {
        PostgresCluster cluster = PostgresExtension.cluster();
        String url = cluster.createDatabase();
        Set<String> told = ConcurrentHashMap.newKeySet();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger receiveFailures = new AtomicInteger();
        AtomicInteger outagesTold = new AtomicInteger();
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicBoolean consuming = new AtomicBoolean(true);
        AtomicLong longestSendMillis = new AtomicLong();
        int producers = 2;
        long outageMillis;
        try (EmbeddedBroker broker = EmbeddedBroker.builder().jdbcUrl(url).nodeName("pg-restart").start();
             Connection connection = broker.connectionFactory().createConnection()) {
            connection.setExceptionListener(e -> outagesTold.incrementAndGet());
            connection.start();
            ExecutorService threads = Executors.newFixedThreadPool(producers + 1);
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                running.add(threads.submit(() -> {
                    try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                        MessageProducer out = session.createProducer(session.createQueue("restart"));
                        for (int i = 0; producing.get(); i++) {
                            String body = producer + "-" + i;
                            long start = System.nanoTime();
                            try {
                                out.send(session.createTextMessage(body));
                                told.add(body);
                            } catch (JMSException e) {
                                failed.add(body);
                            }
                            longestSendMillis.accumulateAndGet(
                                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                        }
                    }
                    return null;
                }));
            }
            Future<?> consumer = threads.submit(() -> {
                try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                     MessageConsumer in = session.createConsumer(session.createQueue("restart"))) {
                    while (consuming.get()) {
                        try {
                            Message m = in.receive(200);
                            if (m != null) {
                                received.add(((TextMessage) m).getText());
                            }
                        } catch (JMSException e) {
                            receiveFailures.incrementAndGet(); // its acknowledgement failed: it comes again
                        }
                    }
                }
                return null;
            });
            StoreFailureTest.await("the load is under way", () -> told.size() >= 300 && received.size() >= 50);
            long crashedAt = System.nanoTime();
            cluster.crash();
            int failedBefore = failed.size();
            awaitLong("sends fail while the server is gone", () -> failed.size() >= failedBefore + producers);
            cluster.restartAfterCrash();
            outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crashedAt);
            int toldAtRestart = told.size();
            awaitLong("sends succeed again, by themselves", () -> told.size() >= toldAtRestart + 300);
            producing.set(false);
            for (Future<?> f : running) {
                f.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
            }
            awaitLong("everything sent is received and the sends in doubt settled",
                    () -> receivedAll(received, told) && broker.broker().sendsInDoubt() == 0);
            // Whatever else is there (sends told "failed" that committed) arrives within the retry period.
            awaitLong("the queue is empty", () -> broker.broker().queueDepth("restart") == 0);
            consuming.set(false);
            consumer.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
            threads.shutdown();
            assertTrue(outagesTold.get() >= 1, "the ExceptionListener was told");
        }
        List<String> delivered = new ArrayList<>(received);
        checkExactlyOnce(delivered, told, failed);
        System.out.printf("PostgreSQL killed and restarted under load (down %d ms): %d sends told sent, %d failed, "
                + "longest send %d ms, %d delivered (%d of the failed ones had committed), %d receives failed, "
                + "outages told %d; 0 lost, 0 duplicated%n", outageMillis, told.size(), failed.size(),
                longestSendMillis.get(), delivered.size(),
                delivered.size() - told.size(), receiveFailures.get(), outagesTold.get());
        assertNothingAfterRestart(url, "restart");
    }

    private static boolean receivedAll(List<String> received, Set<String> told) {
        synchronized (received) {
            return new java.util.HashSet<>(received).containsAll(told);
        }
    }

    private static void send(MessageProducer producer, Session session, String body, Set<String> told,
            Set<String> failed, AtomicBoolean locked, AtomicLong failedWhileLocked, AtomicLong longest)
            throws JMSException {
        long start = System.nanoTime();
        try {
            producer.send(session.createTextMessage(body));
            told.add(body);
        } catch (JMSException e) {
            failed.add(body);
            if (locked.get()) {
                failedWhileLocked.incrementAndGet();
            }
        }
        longest.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
    }

    private static void holdLock(String url, int seconds, AtomicBoolean locked, CountDownLatch held,
            CountDownLatch released) {
        try (java.sql.Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("LOCK TABLE cairn_message IN ACCESS EXCLUSIVE MODE");
            }
            locked.set(true);
            held.countDown();
            Thread.sleep(seconds * 1000L); // the scenario: another session holds the lock this long
            locked.set(false);
            c.rollback();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            locked.set(false);
            held.countDown();
            released.countDown();
        }
    }

    /** Every send told "sent" delivered once, every failed one at most once, nothing else, nothing twice. */
    private static void checkExactlyOnce(List<String> delivered, Set<String> told, Set<String> failed) {
        StoreFailureTest.assertNoDuplicates(delivered);
        List<String> lost = new ArrayList<>(told);
        lost.removeAll(delivered);
        assertEquals(List.of(), lost, "sends told 'sent' that were not delivered");
        for (String body : delivered) {
            assertTrue(told.contains(body) || failed.contains(body), "only what was sent: " + body);
        }
    }

    private static void assertNothingAfterRestart(String url, String queue) throws JMSException {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().jdbcUrl(url).nodeName("checker").start();
             Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                Message left = consumer.receive(500);
                assertNull(left, "left in the store: " + (left instanceof TextMessage t ? t.getText() : left));
            }
        }
    }

    private static void awaitLong(String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + BOUND_MILLIS + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
