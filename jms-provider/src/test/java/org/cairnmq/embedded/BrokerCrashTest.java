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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cairnmq.testing.BrokerUnderLoad;
import org.cairnmq.testing.CrashOutcome;
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
        Process child = BrokerUnderLoad.launch(log, jdbcUrl, QUEUE, Integer.toString(PRODUCERS), "300",
                Integer.toString(QUEUE_MEMORY_LIMIT), reportFile.toString());
        LoadReports progress = new LoadReports(child.getInputStream());
        try {
            boolean loaded = progress.await(r -> r.sentCount() >= killAfterSends && r.acknowledgedCount() >= 20,
                    2, TimeUnit.MINUTES);
            if (!loaded) {
                fail("The loaded broker did not reach " + killAfterSends + " sends and 20 acknowledgements ("
                        + progress.sentCount() + ", " + progress.acknowledgedCount() + "; alive: " + child.isAlive()
                        + "); its log:\n" + BrokerUnderLoad.tail(log));
            }
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(1, TimeUnit.MINUTES), "the killed broker process did not end");
            assertTrue(progress.awaitEnd(1, TimeUnit.MINUTES), "the killed broker's output did not close");
            assertEquals(137, child.exitValue(), "the broker process ended otherwise than by SIGKILL; its log:\n"
                    + BrokerUnderLoad.tail(log));
        } finally {
            child.destroyForcibly();
        }

        // What the child reported is its report file: standard output can miss the lines written last.
        LoadReports reports = new LoadReports(Files.newInputStream(reportFile));
        assertTrue(reports.awaitEnd(1, TimeUnit.MINUTES), "the report file could not be read");
        List<String> delivered = drainAfterRestart(jdbcUrl);
        Files.write(log.resolveSibling(databaseName() + "-round-" + round + "-delivered.txt"), delivered);
        CrashOutcome outcome = new CrashOutcome(reports, delivered, PRODUCERS, "delivered after restart");
        System.out.printf("Crash test on %s, round %d (seed %d, kill at %d sends): %s%n",
                databaseName(), round, seed, killAfterSends, outcome);
        outcome.assertExactlyOnce();
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
}
