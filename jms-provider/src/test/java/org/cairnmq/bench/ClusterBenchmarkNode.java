package org.cairnmq.bench;

import org.cairnmq.testing.ChildClients;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.cairnmq.embedded.EmbeddedBroker;

/**
 * One node of {@link ClusterBenchmark}, in a JVM of its own: an {@link EmbeddedBroker} over the benchmark's
 * PostgreSQL database with producers sending persistent 1 KiB messages to one queue and consumers receiving
 * from it, each client on a connection of its own. Driven by its parent through lines on standard input:
 * {@code CLUSTERED} answers {@code CLUSTERED} once this node has seen another join (log message
 * {@code CAIRN-ENGINE-044}; a node that started alone keeps its sends in memory until then, and notices the
 * others only at its next lease renewal, up to a third of its lease later); {@code START} starts the
 * producers; {@code SAMPLE} answers {@code SAMPLE <received so far> <p50 µs>
 * <p99 µs> <latencies>}, the latencies (receive time minus send time, wall clock) being those since the last
 * {@code SAMPLE}; end of input ends the process. Prints {@code READY} once its consumers are listening.
 *
 * <p>Arguments: JDBC URL, node name, producers, consumers, messages per second over all its producers
 * ({@code 0}: as fast as sends return).
 */
public final class ClusterBenchmarkNode {
    static final String QUEUE = "bench";
    private static final String BODY = "x".repeat(1024);
    private static final String SENT_MICROS = "sentMicros";
    private static final Clock CLOCK = Clock.systemUTC();

    // Held here: java.util.logging keeps loggers only weakly, and the handler with them.
    // The engine's package logger: whichever engine class logs that other nodes joined, its records come here.
    private static final Logger BROKER_LOG = Logger.getLogger("org.cairnmq.engine");
    private static final CountDownLatch OTHERS_JOINED = new CountDownLatch(1);

    private final LongAdder received = new LongAdder();
    private final List<Long> latencies = new ArrayList<>();

    private ClusterBenchmarkNode() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int producers = Integer.parseInt(args[2]);
        int consumers = Integer.parseInt(args[3]);
        double rate = Double.parseDouble(args[4]);
        BROKER_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (String.valueOf(record.getMessage()).startsWith("CAIRN-ENGINE-044")) {
                    OTHERS_JOINED.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        EmbeddedBroker broker = EmbeddedBroker.builder().jdbcUrl(url).nodeName(args[1]).start();
        new ClusterBenchmarkNode().run(broker, producers, consumers, rate);
    }

    private void run(EmbeddedBroker broker, int producers, int consumers, double rate) throws Exception {
        for (int c = 0; c < consumers; c++) {
            Connection connection = broker.connectionFactory().createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            connection.start();
            ChildClients.start("consumer-" + c, () -> consume(consumer));
        }
        System.out.println("READY");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.equals("CLUSTERED")) {
                OTHERS_JOINED.await(); // the parent bounds its wait for the answer
                System.out.println("CLUSTERED");
            } else if (command.equals("START")) {
                for (int p = 0; p < producers; p++) {
                    Connection connection = broker.connectionFactory().createConnection();
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    Queue queue = session.createQueue(QUEUE);
                    ChildClients.start("producer-" + p, () -> produce(session, queue, rate / producers));
                }
            } else if (command.equals("SAMPLE")) {
                System.out.println(sample());
            }
        }
        Runtime.getRuntime().halt(0); // the parent is done with this node: no orderly shutdown to wait for
    }

    private void produce(Session session, Queue queue, double rate) throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        long interval = rate > 0 ? (long) (TimeUnit.SECONDS.toNanos(1) / rate) : 0;
        long next = System.nanoTime();
        while (true) {
            if (interval > 0) {
                // A fixed schedule: a late send is not made up for by sending faster, only not waited for.
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            Message message = session.createTextMessage(BODY);
            message.setLongProperty(SENT_MICROS, micros(CLOCK.instant()));
            producer.send(message);
        }
    }

    private void consume(MessageConsumer consumer) throws JMSException {
        while (true) {
            Message message = consumer.receive(500);
            if (message != null) {
                long latency = micros(CLOCK.instant()) - message.getLongProperty(SENT_MICROS);
                received.increment();
                synchronized (latencies) {
                    latencies.add(latency);
                }
            }
        }
    }

    private String sample() {
        List<Long> window;
        synchronized (latencies) {
            window = new ArrayList<>(latencies);
            latencies.clear();
        }
        window.sort(null);
        return String.format(Locale.ROOT, "SAMPLE %d %d %d %d", received.sum(), percentile(window, 0.50),
                percentile(window, 0.99), window.size());
    }

    private static long percentile(List<Long> sorted, double fraction) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.ceil(fraction * sorted.size()) - 1);
    }

    private static long micros(Instant instant) {
        return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1_000;
    }
}
