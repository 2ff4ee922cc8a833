package org.cairnmq.it.bench;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The deep-backlog benchmark inside the server, run in the background (it can take longer than an HTTP
 * call should): first the consume rate on a queue kept shallow (producers and consumers at once, and the
 * consumers alone on slices of a few thousand messages), then
 * the queue is filled with persistent messages in transactions of 1,000 before any consumer starts, then
 * consumers drain it while the rate and the heap in use (after a GC) are taken per segment. Every phase
 * numbers its messages and checks that each arrived exactly once. {@link #status()} reports progress and,
 * at the end, the result as JSON.
 */
final class BacklogRun implements Runnable {
    static final int BATCH = 1_000;
    /** Messages of one slice of the shallow reference: within Cairn's default in-memory limit of a queue (10,000). */
    static final int SLICE = 5_000;
    private static final long IDLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);

    /**
     * What to run.
     *
     * @param messages       the backlog's depth
     * @param shallowMessages messages of the shallow reference phase
     * @param fillProducers  producers filling the queue (and feeding the shallow phase)
     * @param consumers      consumers in both phases, each taking transactions of 1,000
     * @param segments       how many parts the drain is measured in
     * @param storeDirectory the target's store under the server's data directory ("cairn", "activemq"),
     *                       whose size is reported
     */
    record Plan(ConnectionFactory factory, Destination queue, boolean jta, long messages, long shallowMessages,
            int fillProducers, int consumers, int segments, int messageSize, String storeDirectory) {
    }

    /** Counters of one phase: messages committed by producers and by consumers, and the sequence check. */
    private record Phase(String runId, long messages, AtomicLong sent, AtomicLong received, AtomicLong lastCommit,
            SequenceCheck check) {
        Phase(long messages) {
            this(UUID.randomUUID().toString(), messages, new AtomicLong(), new AtomicLong(), new AtomicLong(),
                    new SequenceCheck(messages));
        }
    }

    private final Plan plan;
    private final ManagedThreadFactory threads;
    private final UserTransaction transaction;
    private final byte[] payload;
    private final long startedNanos = System.nanoTime();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile String phaseName = "starting";
    private volatile Phase current;
    private volatile String result;

    BacklogRun(Plan plan, ManagedThreadFactory threads, UserTransaction transaction) {
        this.plan = plan;
        this.threads = threads;
        this.transaction = transaction;
        this.payload = new byte[plan.messageSize()];
        Arrays.fill(payload, (byte) 'x');
    }

    /** Progress as JSON: the phase, its counts, and at the end the result or the error. */
    String status() {
        Phase phase = current;
        String json = String.format(Locale.ROOT, "{\"phase\":\"%s\",\"seconds\":%d,\"sent\":%d,\"received\":%d",
                phaseName, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos),
                phase == null ? 0 : phase.sent().get(), phase == null ? 0 : phase.received().get());
        Throwable failed = failure.get();
        if (failed != null) {
            json += ",\"error\":\"" + String.valueOf(failed).replace("\\", "/").replace("\"", "'") + "\"";
        }
        return json + (result == null ? "" : ",\"result\":" + result) + "}";
    }

    @Override
    public void run() {
        try {
            phaseName = "draining";
            drain();
            phaseName = "shallow, concurrent";
            double concurrentRate = shallowConcurrent();
            phaseName = "shallow, in slices";
            double shallowRate = shallowSlices();
            phaseName = "filling";
            long dataBefore = storeBytes();
            Phase deep = new Phase(plan.messages());
            current = deep;
            long filling = System.nanoTime();
            await(producers(deep, 0, deep.messages(), 0), () -> { });
            double fillSeconds = (System.nanoTime() - filling) / 1e9;
            long stored = storeBytes() - dataBefore;
            phaseName = "consuming";
            List<double[]> segments = new ArrayList<>();
            segments.add(new double[] {plan.messages(), Double.NaN, heapAfterGcMiB(), storeMiB()});
            DrainMeter meter = new DrainMeter(deep, segments);
            await(consumers(deep, deep.messages()), meter::poll);
            checkFailure();
            result = String.format(Locale.ROOT, "{\"messages\":%d,\"size\":%d,\"fillProducers\":%d,"
                    + "\"consumers\":%d,\"shallowMessages\":%d,\"shallowConcurrentRate\":%.1f,\"shallowRate\":%.1f,"
                    + "\"fillSeconds\":%.1f,\"fillRate\":%.1f,\"storedBytes\":%d,\"deepRate\":%.1f,\"lost\":%d,"
                    + "\"duplicated\":%d,\"segments\":%s}",
                    plan.messages(), plan.messageSize(), plan.fillProducers(), plan.consumers(),
                    plan.shallowMessages(), concurrentRate, shallowRate, fillSeconds, plan.messages() / fillSeconds,
                    stored, meter.averageRate(), deep.check().lost(), deep.check().duplicated(), json(segments));
            phaseName = "done";
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            phaseName = "failed";
        }
    }

    /**
     * Producers and consumers at once on a queue kept at most a few transactions deep; the rate is taken
     * from the first tenth of the messages on (JIT and connection set-up before that). On few cores the
     * producers take CPU from the consumers, and a consumer faster than the producers waits for them:
     * see {@link #shallowSlices()} for the consumers alone.
     */
    private double shallowConcurrent() throws Exception {
        Phase phase = new Phase(plan.shallowMessages());
        current = phase;
        long from = Math.max(1, plan.shallowMessages() / 10);
        long[] mark = new long[2];
        List<Thread> workers = new ArrayList<>(producers(phase, 0, phase.messages(),
                2L * BATCH * (plan.consumers() + plan.fillProducers())));
        workers.addAll(consumers(phase, phase.messages()));
        await(workers, () -> {
            if (mark[0] == 0 && phase.received().get() >= from) {
                mark[0] = System.nanoTime();
                mark[1] = phase.received().get();
            }
        });
        checkExactlyOnce(phase);
        long end = phase.received().get();
        return mark[0] == 0 ? Double.NaN : (end - mark[1]) / ((phase.lastCommit().get() - mark[0]) / 1e9);
    }

    /**
     * The consumers alone on a shallow queue, as in the deep phase: the producers put a slice of
     * {@link #SLICE} messages (within Cairn's in-memory limit of a queue) into the empty queue, then the
     * consumers take it, timed; again until the phase's messages are done. The first tenth is not counted.
     */
    private double shallowSlices() throws Exception {
        Phase phase = new Phase(plan.shallowMessages());
        current = phase;
        long counted = 0;
        long nanos = 0;
        for (long from = 0; from < phase.messages(); from += SLICE) {
            long to = Math.min(phase.messages(), from + SLICE);
            await(producers(phase, from, to, 0), () -> { });
            long start = System.nanoTime();
            await(consumers(phase, to), () -> { });
            if (from >= phase.messages() / 10 || phase.messages() <= SLICE) {
                counted += to - from;
                nanos += phase.lastCommit().get() - start;
            }
        }
        checkExactlyOnce(phase);
        return counted == 0 ? Double.NaN : counted / (nanos / 1e9);
    }

    private static void checkExactlyOnce(Phase phase) {
        if (phase.check().lost() + phase.check().duplicated() > 0) {
            throw new IllegalStateException("Shallow phase: " + phase.check().lost() + " lost, "
                    + phase.check().duplicated() + " duplicated");
        }
    }

    /**
     * Producers of the sequence numbers {@code first .. end-1}, split evenly; {@code maxDepth > 0}: they
     * wait while the queue is that deep.
     */
    private List<Thread> producers(Phase phase, long first, long end, long maxDepth) {
        long total = end - first;
        List<Thread> started = new ArrayList<>();
        for (int p = 0; p < plan.fillProducers(); p++) {
            long from = first + total * p / plan.fillProducers();
            long to = first + total * (p + 1) / plan.fillProducers();
            started.add(start(() -> produce(phase, from, to, maxDepth)));
        }
        return started;
    }

    /** Consumers until the phase has received {@code total} messages. */
    private List<Thread> consumers(Phase phase, long total) {
        List<Thread> started = new ArrayList<>();
        for (int c = 0; c < plan.consumers(); c++) {
            started.add(start(() -> consume(phase, total)));
        }
        return started;
    }

    private void produce(Phase phase, long from, long to, long maxDepth) throws Exception {
        long next = from;
        while (next < to && failure.get() == null) {
            int n = (int) Math.min(BATCH, to - next);
            while (maxDepth > 0 && phase.sent().get() + n - phase.received().get() > maxDepth && failure.get() == null) {
                TimeUnit.MILLISECONDS.sleep(1); // consumers catch up
            }
            long first = next;
            inTransaction(session -> {
                MessageProducer producer = session.createProducer(plan.queue());
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (long seq = first; seq < first + n; seq++) {
                    BytesMessage m = session.createBytesMessage();
                    m.writeBytes(payload);
                    m.setLongProperty("seq", seq);
                    m.setStringProperty("run", phase.runId());
                    producer.send(m);
                }
            });
            phase.sent().addAndGet(n);
            next += n;
        }
    }

    /** Takes transactions of up to 1,000 until the phase's messages are all in (or none came for two minutes). */
    private void consume(Phase phase, long total) throws Exception {
        long lastProgress = System.nanoTime();
        while (phase.received().get() < total && failure.get() == null) {
            int[] taken = {0};
            inTransaction(session -> {
                MessageConsumer consumer = session.createConsumer(plan.queue());
                while (taken[0] < BATCH) {
                    Message m = consumer.receive(taken[0] == 0 ? 1_000 : 200);
                    if (m == null) {
                        break;
                    }
                    if (phase.runId().equals(m.getStringProperty("run"))) {
                        phase.check().arrived(m.getLongProperty("seq"));
                        taken[0]++;
                    }
                }
            });
            phase.received().addAndGet(taken[0]); // counted once committed
            phase.lastCommit().accumulateAndGet(System.nanoTime(), Math::max);
            if (taken[0] > 0) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > IDLE_LIMIT_NANOS && phase.sent().get() >= total) {
                return; // what is still missing is lost
            }
        }
    }

    /** One transaction: a UserTransaction around a pooled session, or a local session transaction. */
    private void inTransaction(SessionWork work) throws Exception {
        if (plan.jta()) {
            transaction.begin();
        }
        boolean done = false;
        try (Connection connection = plan.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession(!plan.jta(), Session.SESSION_TRANSACTED);
            work.run(session);
            if (!plan.jta()) {
                session.commit();
            }
            done = true;
        } finally {
            if (plan.jta()) {
                if (done) {
                    transaction.commit();
                } else {
                    transaction.rollback();
                }
            }
        }
    }

    /**
     * Measures the drain per segment: rate over the segment, then the heap after a GC and the data
     * directory's size (neither counted in the time).
     */
    private final class DrainMeter {
        private final AtomicLong received;
        private final List<double[]> segments;
        private final long segment = Math.max(1, plan.messages() / Math.max(1, plan.segments()));
        private long markCount;
        private long markNanos = System.nanoTime();
        private long measuredCount;
        private long measuredNanos;

        DrainMeter(Phase phase, List<double[]> segments) {
            this.received = phase.received();
            this.segments = segments;
        }

        void poll() {
            long count = received.get();
            if (count - markCount < segment && count < plan.messages()) {
                return;
            }
            if (count == markCount) {
                return;
            }
            long now = System.nanoTime();
            double rate = (count - markCount) / ((now - markNanos) / 1e9);
            measuredCount += count - markCount;
            measuredNanos += now - markNanos;
            double heap = heapAfterGcMiB();
            segments.add(new double[] {plan.messages() - count, rate, heap, storeMiB()});
            markCount = received.get();
            markNanos = System.nanoTime();
        }

        /** Over the segments' times only: what was taken while the GC and the disk were measured is left out. */
        double averageRate() {
            return measuredNanos == 0 ? Double.NaN : measuredCount / (measuredNanos / 1e9);
        }
    }

    /** Waits for the workers, calling {@code poll} every 10 ms meanwhile. */
    private void await(List<Thread> workers, Runnable poll) throws InterruptedException {
        while (workers.stream().anyMatch(Thread::isAlive)) {
            poll.run();
            TimeUnit.MILLISECONDS.sleep(10);
        }
        poll.run();
        checkFailure();
    }

    private void checkFailure() {
        if (failure.get() != null) {
            throw new IllegalStateException("A worker failed: " + failure.get(), failure.get());
        }
    }

    private void drain() throws Exception {
        try (Connection connection = plan.factory().createConnection()) {
            connection.start();
            MessageConsumer consumer = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)
                    .createConsumer(plan.queue());
            while (consumer.receive(500) != null) {
                // discard what an earlier run left
            }
        }
    }

    private static double heapAfterGcMiB() {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024);
    }

    private double storeMiB() {
        try {
            long bytes = storeBytes();
            return bytes < 0 ? Double.NaN : bytes / (1024.0 * 1024);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Bytes of the target's store: Cairn's H2 file, or Artemis's journal, large messages and paging. */
    private long storeBytes() throws IOException {
        String data = System.getProperty("jboss.server.data.dir");
        if (data == null || !Files.isDirectory(Path.of(data, plan.storeDirectory()))) {
            return -1;
        }
        Path dir = Path.of(data, plan.storeDirectory());
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                total[0] += attributes.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // a journal file removed meanwhile
            }
        });
        return total[0];
    }

    private static String json(List<double[]> segments) {
        StringBuilder json = new StringBuilder("[");
        for (double[] s : segments) {
            json.append(json.length() > 1 ? "," : "").append(String.format(Locale.ROOT, "[%.0f,%s,%.1f,%.1f]", s[0],
                    Double.isNaN(s[1]) ? "null" : String.format(Locale.ROOT, "%.1f", s[1]), s[2],
                    Double.isNaN(s[3]) ? -1 : s[3]));
        }
        return json.append(']').toString();
    }

    private Thread start(Work work) {
        Thread t = threads.newThread(() -> {
            try {
                work.run();
            } catch (Exception | Error e) {
                failure.compareAndSet(null, e);
            }
        });
        t.start();
        return t;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface SessionWork {
        void run(Session session) throws Exception;
    }
}
