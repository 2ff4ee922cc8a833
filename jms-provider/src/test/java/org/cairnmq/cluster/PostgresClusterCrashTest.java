package org.cairnmq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.testing.BrokerUnderLoad;
import org.cairnmq.testing.CrashOutcome;
import org.cairnmq.testing.LoadReports;
import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;
import org.junit.jupiter.api.Test;

/**
 * A node of a cluster killed with SIGKILL under load: node "a" runs in a child JVM ({@link BrokerUnderLoad},
 * producers and a consumer acknowledging what it receives), node "b" runs here with a consumer on the same
 * queue. Once a's lease has run out, b must deliver every message whose send returned and that a did not
 * acknowledge, nothing a acknowledged, and nothing twice. Prints how long after the kill b delivered the
 * last of them.
 *
 * <p>{@code -Dcairn.test.crash.rounds=N} runs N rounds (default 2), each on a new database;
 * {@code -Dcairn.test.crash.seed=S} replays the kill moments of a run (the seed is printed).
 */
@PostgresTest
class PostgresClusterCrashTest {
    private static final String QUEUE = "cluster-crash";
    private static final int PRODUCERS = 4;
    private static final int QUEUE_MEMORY_LIMIT = 100;
    private static final long LEASE_MILLIS = 2_000;
    // Only the wait's limit, far above the lease + 5 s b should need: the time is printed, not asserted.
    private static final long TAKEOVER_WAIT_MILLIS = LEASE_MILLIS + 60_000;

    @Test
    void messagesANodeHeldWhenKilledAreDeliveredByTheOtherNodeOnce() throws Exception {
        int rounds = Integer.getInteger("cairn.test.crash.rounds", 2);
        long seed = Long.getLong("cairn.test.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 1; round <= rounds; round++) {
            int killAfterSends = 200 + random.nextInt(1_000);
            runRound(round, seed, killAfterSends, PostgresExtension.cluster().createDatabase());
        }
    }

    private void runRound(int round, long seed, int killAfterSends, String url) throws Exception {
        Path log = Path.of("target", "crash-test", "cluster-round-" + round + "-child.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Path reportFile = log.resolveSibling("cluster-round-" + round + "-reports.txt");
        Files.deleteIfExists(reportFile);
        // b first: a node that starts alone keeps its sends in memory until another node joins.
        try (EmbeddedBroker b = EmbeddedBroker.builder().jdbcUrl(url).nodeName("b").leaseMillis(LEASE_MILLIS)
                .queueMemoryLimit(QUEUE_MEMORY_LIMIT).start();
             Connection connection = b.connectionFactory().createConnection()) {
            Deliveries onB = new Deliveries();
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE)
                    .createConsumer(new org.cairnmq.jms.JmsQueue(QUEUE)).setMessageListener(onB);
            connection.start();

            long killedAt = killUnderLoad(url, log, reportFile, killAfterSends);
            LoadReports reports = new LoadReports(Files.newInputStream(reportFile));
            assertTrue(reports.awaitEnd(1, TimeUnit.MINUTES), "the report file could not be read");
            Set<String> mustComeBack = CrashOutcome.mustComeBack(reports);
            boolean allBack = onB.await(mustComeBack, TAKEOVER_WAIT_MILLIS);
            // Then wait for b to have taken everything, in doubt at the kill or not: the store is empty.
            assertTrue(awaitNoStoredMessage(url, TAKEOVER_WAIT_MILLIS), "messages left in the store");

            List<String> delivered = onB.texts();
            Files.write(log.resolveSibling("cluster-round-" + round + "-delivered.txt"), delivered);
            CrashOutcome outcome = new CrashOutcome(reports, delivered, PRODUCERS, "delivered by b");
            System.out.printf("Cluster crash test, round %d (seed %d, kill of a at %d sends, lease %d ms): %s;"
                            + " after the kill b delivered %d, the last of a's unacknowledged messages %d ms after it%n",
                    round, seed, killAfterSends, LEASE_MILLIS, outcome, onB.countAfter(killedAt),
                    TimeUnit.NANOSECONDS.toMillis(Math.max(0, onB.lastArrival(mustComeBack, killedAt) - killedAt)));
            outcome.assertExactlyOnce();
            assertTrue(allBack, "b did not deliver within " + TAKEOVER_WAIT_MILLIS + " ms what a held");
        }
    }

    /** Runs node a under load in a child JVM, kills it with SIGKILL once loaded; returns the kill's nanoTime. */
    private static long killUnderLoad(String url, Path log, Path reportFile, int killAfterSends) throws Exception {
        Process child = BrokerUnderLoad.launch(log, url, QUEUE, Integer.toString(PRODUCERS), "300",
                Integer.toString(QUEUE_MEMORY_LIMIT), reportFile.toString(), "a", Long.toString(LEASE_MILLIS));
        LoadReports progress = new LoadReports(child.getInputStream());
        try {
            boolean loaded = progress.await(r -> r.sentCount() >= killAfterSends && r.acknowledgedCount() >= 20,
                    2, TimeUnit.MINUTES);
            if (!loaded) {
                fail("Node a did not reach " + killAfterSends + " sends and 20 acknowledgements ("
                        + progress.sentCount() + ", " + progress.acknowledgedCount() + "; alive: " + child.isAlive()
                        + "); its log:\n" + BrokerUnderLoad.tail(log));
            }
            long killedAt = System.nanoTime();
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(1, TimeUnit.MINUTES), "the killed node did not end");
            assertTrue(progress.awaitEnd(1, TimeUnit.MINUTES), "the killed node's output did not close");
            assertEquals(137, child.exitValue(), "node a ended otherwise than by SIGKILL; its log:\n"
                    + BrokerUnderLoad.tail(log));
            return killedAt;
        } finally {
            child.destroyForcibly();
        }
    }

    private static boolean awaitNoStoredMessage(String url, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (storedMessages(url) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50); // polling a condition, bounded by the deadline
        }
        return true;
    }

    private static long storedMessages(String url) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from cairn_message")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What b's consumer received: each text's first word, in order, repeats kept, with its arrival time. */
    private static final class Deliveries implements MessageListener {
        private final List<String> texts = new ArrayList<>();
        private final Map<String, Long> lastArrival = new HashMap<>();
        private final List<Long> arrivals = new ArrayList<>();

        @Override
        public synchronized void onMessage(Message message) {
            try {
                String text = ((TextMessage) message).getText().split(" ", 2)[0];
                long now = System.nanoTime();
                texts.add(text);
                arrivals.add(now);
                lastArrival.put(text, now);
                notifyAll();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized boolean await(Set<String> expected, long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (!lastArrival.keySet().containsAll(expected)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        synchronized List<String> texts() {
            return new ArrayList<>(texts);
        }

        synchronized long countAfter(long nanoTime) {
            return arrivals.stream().filter(t -> t - nanoTime > 0).count();
        }

        synchronized long lastArrival(Set<String> of, long ifNone) {
            return of.stream().map(lastArrival::get).filter(t -> t != null).max(Long::compare).orElse(ifNone);
        }
    }
}
