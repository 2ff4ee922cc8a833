package org.cairnmq.testing;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cairnmq.embedded.EmbeddedBroker;

/**
 * The process the crash test kills: an {@link EmbeddedBroker} under persistent load from several producer
 * threads and one consumer that acknowledges each message. It reports each step, one line each:
 * {@code S <text>} once {@code send()} returned, {@code R <text>} when a message was received and is about to
 * be acknowledged, {@code A <text>} once {@code acknowledge()} returned. Each line goes in one {@code write}
 * first to the report file, then to standard output. The file is the record: what the process wrote there
 * stays in the page cache when it is killed, so a line written is never lost and one not written is at most
 * the one operation per thread under way. Standard output only shows progress while the process lives: its
 * last lines can be missing from what the parent reads after the kill (seen in 5 of 22 rounds on PostgreSQL).
 *
 * <p>It runs until it is killed, and ends by itself when its parent goes (standard input closes) or after
 * its time limit, so it never outlives the test.
 *
 * <p>Arguments: JDBC URL, queue name, number of producer threads, time limit in seconds, the queue's memory
 * limit, the report file; optionally a node name and a lease in milliseconds, for a node of a cluster
 * (the broker's defaults otherwise).
 */
public final class BrokerUnderLoad {
    private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);
    private static FileOutputStream reportFile;
    private static final String PADDING = "x".repeat(200);

    private BrokerUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        String queueName = args[1];
        int producers = Integer.parseInt(args[2]);
        long limitSeconds = Long.parseLong(args[3]);
        int queueMemoryLimit = Integer.parseInt(args[4]);
        reportFile = new FileOutputStream(args[5], true);
        exitWhenParentGoes();

        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().jdbcUrl(jdbcUrl).queueMemoryLimit(queueMemoryLimit);
        if (args.length > 7) {
            builder.nodeName(args[6]).leaseMillis(Long.parseLong(args[7]));
        }
        EmbeddedBroker broker = builder.start();
        Connection connection = broker.connectionFactory().createConnection();
        connection.start();
        for (int p = 1; p <= producers; p++) {
            String name = "p" + p;
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            ChildClients.start("producer-" + p, () -> produce(session, session.createQueue(queueName), name));
        }
        Session consumerSession = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = consumerSession.createConsumer(consumerSession.createQueue(queueName));
        ChildClients.start("consumer", () -> consume(consumer));
        report("READY");

        Thread.sleep(limitSeconds * 1000); // only a safety limit: the test kills the process long before
        System.err.println("Time limit of " + limitSeconds + " s reached without being killed");
        Runtime.getRuntime().halt(4);
    }

    /**
     * Starts this program in a child JVM on the test's class path, its standard error to {@code log}; its
     * standard input stays an open pipe, so the child ends by itself when the test JVM goes.
     */
    public static Process launch(Path log, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", classPath, BrokerUnderLoad.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(log.toFile()).start();
    }

    /** The last lines of a child's log, for failure messages. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static void produce(Session session, Queue queue, String name) throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        for (long seq = 1; ; seq++) {
            String text = name + "-" + seq;
            TextMessage message = session.createTextMessage(text + " " + PADDING);
            producer.send(message);
            report("S " + text);
        }
    }

    private static void consume(MessageConsumer consumer) throws JMSException {
        while (true) {
            Message message = consumer.receive(1_000);
            if (message != null) {
                String text = ((TextMessage) message).getText().split(" ", 2)[0];
                report("R " + text);
                message.acknowledge();
                report("A " + text);
            }
        }
    }

    private static void report(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (OUT) {
            try {
                reportFile.write(bytes);
                OUT.write(bytes);
            } catch (IOException e) {
                Runtime.getRuntime().halt(3); // the parent is gone
            }
        }
    }

    private static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // nothing is sent; end of input means the parent closed it or died
                }
            } catch (IOException ignored) {
                // same as end of input
            }
            Runtime.getRuntime().halt(6);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
