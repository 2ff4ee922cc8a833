package org.cairnmq.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cairnmq.testing.BrokerUnderLoad;
import org.cairnmq.testing.LoadReports;
import org.junit.jupiter.api.Test;

/**
 * The crash test: a Java SE process runs the embedded broker under concurrent persistent load and is killed
 * with SIGKILL at a random moment; the broker restarted here over the same database must deliver, exactly
 * once, every message whose {@code send()} had returned and that was not acknowledged, and must not bring
 * back any acknowledged message. Run on each database through a subclass.
 *
 * <p>{@code -Dcairn.test.crash.rounds=N} repeats it N times (default 1), each round on a new database;
 * {@code -Dcairn.test.crash.seed=S} replays the kill moments of a run (the seed is printed).
 */
public abstract class BrokerCrashTest {
    private static final String QUEUE = "crash";
    private static final int PRODUCERS = 4;
    // Producers outrun the consumer, so the queue grows past this and pages: the crash hits paging too.
    private static final int QUEUE_MEMORY_LIMIT = 100;

    /** A new, empty database for one round; every call gives another. */
    protected abstract String newDatabase(int round) throws IOException;

    /** A short name for the reports. */
    protected abstract String databaseName();

    @Test
    void killedBrokerLosesNoSentMessageAndBringsBackNoAcknowledgedOne() throws Exception {
        int rounds = Integer.getInteger("cairn.test.crash.rounds", 1);
        long seed = Long.getLong("cairn.test.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 1; round <= rounds; round++) {
            // Kill once the load is under way, at a moment chosen at random between 200 and 2,000 sends.
            int killAfterSends = 200 + random.nextInt(1_800);
            runRound(round, seed, killAfterSends, newDatabase(round));
        }
    }

    private void runRound(int round, long seed, int killAfterSends, String jdbcUrl) throws Exception {
        Path log = Path.of("target", "crash-test", databaseName() + "-round-" + round + "-child.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Path reportFile = log.resolveSibling(databaseName() + "-round-" + round + "-reports.txt");
        Files.deleteIfExists(reportFile);
        Process child = startChild(jdbcUrl, log, reportFile);
        LoadReports progress = new LoadReports(child.getInputStream());
        try {
            boolean loaded = progress.await(r -> r.sentCount() >= killAfterSends && r.acknowledgedCount() >= 20,
                    2, TimeUnit.MINUTES);
            if (!loaded) {
                fail("The loaded broker did not reach " + killAfterSends + " sends and 20 acknowledgements ("
                        + progress.sentCount() + ", " + progress.acknowledgedCount() + "; alive: " + child.isAlive()
                        + "); its log:\n" + tail(log));
            }
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(1, TimeUnit.MINUTES), "the killed broker process did not end");
            assertTrue(progress.awaitEnd(1, TimeUnit.MINUTES), "the killed broker's output did not close");
            assertEquals(137, child.exitValue(), "the broker process ended otherwise than by SIGKILL; its log:\n"
                    + tail(log));
        } finally {
            child.destroyForcibly();
        }

        // What the child reported is its report file: standard output can miss the lines written last.
        LoadReports reports = new LoadReports(Files.newInputStream(reportFile));
        assertTrue(reports.awaitEnd(1, TimeUnit.MINUTES), "the report file could not be read");
        List<String> delivered = drainAfterRestart(jdbcUrl);
        Files.write(log.resolveSibling(databaseName() + "-round-" + round + "-delivered.txt"), delivered);
        Outcome outcome = new Outcome(reports, delivered);
        System.out.printf("Crash test on %s, round %d (seed %d, kill at %d sends): %s%n",
                databaseName(), round, seed, killAfterSends, outcome);
        outcome.assertExactlyOnce();
    }

    private Process startChild(String jdbcUrl, Path log, Path reportFile) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath, BrokerUnderLoad.class.getName(),
                jdbcUrl, QUEUE, Integer.toString(PRODUCERS), "300", Integer.toString(QUEUE_MEMORY_LIMIT),
                reportFile.toString());
        return new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start(); // standard input stays an open pipe: the child ends by itself when it closes
    }

    /** Starts the broker over the crashed one's database and receives every message it has. */
    private static List<String> drainAfterRestart(String jdbcUrl) throws JMSException {
        List<String> delivered = new ArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.builder().jdbcUrl(jdbcUrl).queueMemoryLimit(QUEUE_MEMORY_LIMIT)
                .start();
             Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            long stored = broker.broker().queueDepth(QUEUE);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            for (int i = 0; i < stored; i++) {
                Message message = consumer.receive(10_000);
                assertNotNull(message, "only " + i + " of the " + stored + " stored messages were delivered");
                delivered.add(((TextMessage) message).getText().split(" ", 2)[0]);
            }
            assertNull(consumer.receiveNoWait(), "more messages than the queue held at start");

            // The broker goes on over the recovered store: new ids do not collide with old ones.
            session.createProducer(session.createQueue(QUEUE)).send(session.createTextMessage("after-restart"));
            Message after = consumer.receive(10_000);
            assertNotNull(after, "a message sent after the restart was not delivered");
            assertEquals("after-restart", ((TextMessage) after).getText());
        }
        return delivered;
    }

    /** What came back after the restart, against what the killed process reported. */
    private static final class Outcome {
        private final Set<String> sent;
        private final Set<String> acknowledged;
        private final List<String> delivered;
        private final int otherLines;
        private final Set<String> lost = new LinkedHashSet<>();
        private final Set<String> duplicated = new LinkedHashSet<>();
        private final Set<String> acknowledgedButBack = new LinkedHashSet<>();
        private final Set<String> ackInDoubt = new LinkedHashSet<>();
        private final Set<String> sendInDoubt = new LinkedHashSet<>();
        private final Set<String> unexplained = new LinkedHashSet<>();

        Outcome(LoadReports reports, List<String> delivered) {
            this.sent = reports.sent();
            this.acknowledged = reports.acknowledged();
            this.delivered = delivered;
            this.otherLines = reports.otherLines();
            Set<String> receivedNotAcknowledged = reports.received();
            receivedNotAcknowledged.removeAll(acknowledged);

            Set<String> seen = new HashSet<>();
            for (String text : delivered) {
                if (!seen.add(text)) {
                    duplicated.add(text);
                }
                if (acknowledged.contains(text)) {
                    acknowledgedButBack.add(text);
                }
            }
            for (String text : sent) {
                if (!acknowledged.contains(text) && !seen.contains(text)) {
                    // Gone without a reported acknowledgement: only the acknowledgement under way at the
                    // kill may have committed without being reported.
                    (receivedNotAcknowledged.contains(text) ? ackInDoubt : lost).add(text);
                }
            }
            // Delivered but never reported sent: only each producer's send under way at the kill may have
            // committed without being reported, and it is the one after its last reported send.
            Map<String, Long> lastSent = new HashMap<>();
            for (String text : sent) {
                lastSent.merge(producer(text), sequence(text), Math::max);
            }
            for (String text : seen) {
                if (!sent.contains(text)) {
                    boolean next = text.matches("p\\d+-\\d+")
                            && sequence(text) == lastSent.getOrDefault(producer(text), 0L) + 1;
                    (next ? sendInDoubt : unexplained).add(text);
                }
            }
        }

        void assertExactlyOnce() {
            assertTrue(lost.isEmpty(), "sent, not acknowledged and never delivered again: " + lost);
            assertTrue(duplicated.isEmpty(), "delivered twice after the restart: " + duplicated);
            assertTrue(acknowledgedButBack.isEmpty(), "acknowledged, yet delivered again: " + acknowledgedButBack);
            assertTrue(unexplained.isEmpty(), "delivered, though never sent: " + unexplained);
            assertTrue(ackInDoubt.size() <= 1, "more acknowledgements in doubt than consumers: " + ackInDoubt);
            assertTrue(sendInDoubt.size() <= PRODUCERS, "more sends in doubt than producers: " + sendInDoubt);
        }

        @Override
        public String toString() {
            return String.format("sent %d, acknowledged %d, delivered after restart %d, lost %d, duplicated %d,"
                            + " acknowledged but delivered again %d (in doubt at the kill: %d unreported sends delivered,"
                            + " %d acknowledgement committed unreported; %d other lines in the child's output)",
                    sent.size(), acknowledged.size(), delivered.size(), lost.size(), duplicated.size(),
                    acknowledgedButBack.size(), sendInDoubt.size(), ackInDoubt.size(), otherLines);
        }

        private static String producer(String text) {
            return text.substring(0, text.indexOf('-'));
        }

        private static long sequence(String text) {
            return Long.parseLong(text.substring(text.indexOf('-') + 1));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
