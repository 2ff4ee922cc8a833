package org.cairnmq.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.cairnmq.testing.ConnectionWrappingDataSource;
import org.cairnmq.embedded.EmbeddedBroker;

/**
 * Throughput of persistent sends: producer threads, each on a session of its own, send persistent 1 KiB
 * {@code TextMessage}s to one queue of an {@link EmbeddedBroker} on an H2 file database (with
 * {@code WRITE_DELAY=0}, as the broker uses H2) as fast as {@code send()} returns. Prints messages per
 * second and the database commits they took, each run and then the median of the rounds. Not a test: run
 * it by hand (docs/store.md).
 *
 * <p>Without {@code -Dcairn.groupCommit} it compares group commit on and off in the same JVM, the two
 * taking turns run by run so that the JIT and the machine's mood treat them alike; with
 * {@code -Dcairn.groupCommit=true} or {@code false} it runs that one only.
 *
 * <p>Arguments (all optional): seconds measured per run (5); seconds of warm-up (15), spent once per JVM
 * on a database of its own with the most producers, so that the JIT has compiled Hibernate and H2 before
 * anything is measured (on two cores that takes most of it); the producer counts, comma-separated (1,4);
 * rounds (3). Each run starts on a fresh database under {@code target/bench/}, deleted afterwards, and
 * sends for one second before its measured seconds.
 */
public final class PersistentSendBenchmark {
    private static final String TEXT = "x".repeat(1024);
    private static final String SWITCH = "cairn.groupCommit";

    private PersistentSendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        double warmUp = args.length > 1 ? Double.parseDouble(args[1]) : 15;
        int[] counts = Arrays.stream((args.length > 2 ? args[2] : "1,4").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String fixed = System.getProperty(SWITCH);
        List<String> modes = fixed == null ? List.of("true", "false")
                : List.of(String.valueOf(!"false".equalsIgnoreCase(fixed)));
        Logger.getLogger("").setLevel(Level.WARNING);
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setLevel(Level.WARNING);
        }
        System.out.printf(Locale.ROOT, "%d processors, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        int most = Arrays.stream(counts).max().orElse(1);
        for (String mode : modes) {
            run(mode, most, 0, warmUp / modes.size());
        }
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int count : counts) {
                for (String mode : modes) {
                    Result r = run(mode, count, 1, seconds);
                    System.out.println(r);
                    results.computeIfAbsent(mode + " " + count, k -> new ArrayList<>()).add(r);
                }
            }
        }
        System.out.println("Medians of " + rounds + " rounds:");
        results.forEach((key, list) -> {
            List<Result> sorted = list.stream().sorted(Comparator.comparingDouble(Result::rate)).toList();
            System.out.println(sorted.get(sorted.size() / 2) + "  (range " + Math.round(sorted.get(0).rate())
                    + "-" + Math.round(sorted.get(sorted.size() - 1).rate()) + " msg/s)");
        });
    }

    private record Result(String mode, int producers, long messages, double seconds, long commits) {
        double rate() {
            return messages / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "groupCommit=%s producers=%d messages=%d seconds=%.2f msg/s=%.0f "
                    + "commits=%d msgs/commit=%.2f", mode, producers, messages, seconds, rate(), commits,
                    commits == 0 ? 0.0 : (double) messages / commits);
        }
    }

    private static Result run(String mode, int producers, double ramp, double seconds) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench"))
                .resolve("db-" + System.nanoTime()).toAbsolutePath();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("store") + ";WRITE_DELAY=0");
        config.setPoolName("cairn-bench");
        config.setMaximumPoolSize(8); // as EmbeddedBroker.start(jdbcUrl)
        LongAdder commits = new LongAdder();
        LongAdder sent = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        String fixed = System.getProperty(SWITCH);
        System.setProperty(SWITCH, mode); // read once, when the broker starts
        try (HikariDataSource pool = new HikariDataSource(config);
                EmbeddedBroker broker = EmbeddedBroker.start(countingCommits(pool, commits))) {
            Connection connection = broker.connectionFactory().createConnection();
            try {
                for (int p = 0; p < producers; p++) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue("bench"));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    Thread t = new Thread(() -> produce(session, producer, sent, stop), "producer-" + p);
                    threads.add(t);
                    t.start();
                }
                Thread.sleep((long) (ramp * 1000));
                long sentBefore = sent.sum();
                long commitsBefore = commits.sum();
                long start = System.nanoTime();
                Thread.sleep((long) (seconds * 1000));
                long messages = sent.sum() - sentBefore;
                long commitCount = commits.sum() - commitsBefore;
                double elapsed = (System.nanoTime() - start) / 1e9;
                stop.set(true);
                for (Thread t : threads) {
                    t.join();
                }
                return new Result(mode, producers, messages, elapsed, commitCount);
            } finally {
                stop.set(true);
                connection.close();
            }
        } finally {
            if (fixed == null) {
                System.clearProperty(SWITCH);
            } else {
                System.setProperty(SWITCH, fixed);
            }
            deleteTree(dir);
        }
    }

    private static void produce(Session session, MessageProducer producer, LongAdder sent, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                producer.send(session.createTextMessage(TEXT));
                sent.increment();
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pool, counting every {@code Connection.commit()}: each is one database transaction. */
    private static DataSource countingCommits(DataSource target, LongAdder commits) {
        return new ConnectionWrappingDataSource(target, connection -> (java.sql.Connection) Proxy.newProxyInstance(
                PersistentSendBenchmark.class.getClassLoader(), new Class<?>[] {java.sql.Connection.class},
                (self, method, args) -> {
                    if (method.getName().equals("commit")) {
                        commits.increment();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
