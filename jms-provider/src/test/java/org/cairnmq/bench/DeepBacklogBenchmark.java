package org.cairnmq.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cairnmq.embedded.EmbeddedBroker;

/**
 * A queue far deeper than memory: fills it with persistent 1 KiB messages (transactions of 1,000), then
 * consumes them all, printing the consume rate and the heap in use (after a GC) as the backlog drains,
 * against the rate of the same consumer on a queue that never holds more than one transaction's messages
 * (only the receiving is timed there). Not a
 * test: run it by hand (docs/benchmarks.md).
 *
 * <p>Arguments (optional): messages in the backlog (1,000,000); the H2 database directory
 * ({@code target/bench/backlog}, deleted first and after).
 */
public final class DeepBacklogBenchmark {
    private static final int BATCH = 1_000;
    private static final int REPORT_EVERY = 100_000;

    private DeepBacklogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long messages = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench/backlog").toAbsolutePath();
        Logger.getLogger("").setLevel(Level.WARNING);
        deleteTree(dir);
        try (EmbeddedBroker broker = EmbeddedBroker.start("jdbc:h2:" + dir.resolve("store"));
             Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            byte[] body = new byte[1024];
            System.out.printf(Locale.ROOT, "empty queue: %,.0f msg/s consumed (send and receive alternating)%n",
                    emptyQueueRate(session, body));

            Queue queue = session.createQueue("backlog");
            MessageProducer producer = session.createProducer(queue);
            long filling = System.nanoTime();
            for (long i = 0; i < messages; i++) {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(body);
                producer.send(m);
                if ((i + 1) % BATCH == 0) {
                    session.commit();
                }
                if ((i + 1) % REPORT_EVERY == 0) {
                    System.out.printf(Locale.ROOT, "filled %,d (%,.0f msg/s), heap %s%n", i + 1,
                            (i + 1) / seconds(filling), heap());
                }
            }
            session.commit();
            System.out.printf(Locale.ROOT, "backlog of %,d: depth %,d, in memory %,d, heap %s%n", messages,
                    broker.broker().queueDepth("backlog"), broker.broker().queueMessagesInMemory("backlog"), heap());
            System.out.printf(Locale.ROOT, "filled in %,.0f s%n", seconds(filling));

            MessageConsumer consumer = session.createConsumer(queue);
            long start = System.nanoTime();
            long lap = start;
            for (long i = 0; i < messages; i++) {
                if (consumer.receive(10_000) == null) {
                    throw new IllegalStateException("Backlog ran dry after " + i + " of " + messages);
                }
                if ((i + 1) % BATCH == 0) {
                    session.commit();
                }
                if ((i + 1) % REPORT_EVERY == 0) {
                    System.out.printf(Locale.ROOT, "consumed %,d: %,.0f msg/s over the last %,d, heap %s%n", i + 1,
                            REPORT_EVERY / seconds(lap), REPORT_EVERY, heap());
                    lap = System.nanoTime();
                }
            }
            session.commit();
            System.out.printf(Locale.ROOT, "backlog consumed at %,.0f msg/s on average%n", messages / seconds(start));
        } finally {
            deleteTree(dir);
        }
    }

    /** Consume rate when the queue holds at most one transaction's messages. */
    private static double emptyQueueRate(Session session, byte[] body) throws JMSException {
        Queue queue = session.createQueue("shallow");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        int rounds = 200;
        int warmUp = 20; // rounds that let the JIT compile before anything counts
        long consuming = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < BATCH; i++) {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(body);
                producer.send(m);
            }
            session.commit();
            long start = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                consumer.receive(10_000);
            }
            session.commit();
            if (r >= warmUp) {
                consuming += System.nanoTime() - start;
            }
        }
        consumer.close();
        return (rounds - warmUp) * (double) BATCH / (consuming / 1e9);
    }

    private static String heap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return String.format(Locale.ROOT, "%,d MiB", memory.getHeapMemoryUsage().getUsed() >> 20);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
