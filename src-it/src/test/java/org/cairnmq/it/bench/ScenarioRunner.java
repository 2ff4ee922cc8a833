package org.cairnmq.it.bench;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one benchmark scenario inside the server, with the same code for every connection factory.
 * Producers send for the given time, consumers then drain; every message carries a sequence number, so
 * the run counts what was lost or received twice.
 */
final class ScenarioRunner {
    private static final int BATCH = 100;
    private static final long DRAIN_MILLIS = 60_000;

    /**
     * What to run. {@code jta}: transactions are UserTransactions (pooled factories), else local.
     * {@code maxInFlight}: producers wait while this many messages are sent and not yet received (0: no
     * bound), so that large messages cannot pile up beyond the server's heap.
     */
    record Plan(BenchScenario scenario, ConnectionFactory factory, Destination queue, Destination requests,
            Destination topic, int producers, int consumers, int messageSize, int seconds, int rate, boolean jta,
            int maxInFlight) {
    }

    private final Plan plan;
    private final ManagedThreadFactory threads;
    private final UserTransaction transaction;
    private final String runId = UUID.randomUUID().toString();
    private final byte[] payload;
    private final AtomicLong sent = new AtomicLong();
    private final Set<Long> received = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong lastReceipt = new AtomicLong();
    private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean sending = true;
    private volatile long sendingEnded;

    ScenarioRunner(Plan plan, ManagedThreadFactory threads, UserTransaction transaction) {
        this.plan = plan;
        this.threads = threads;
        this.transaction = transaction;
        this.payload = new byte[plan.messageSize()];
        Arrays.fill(payload, (byte) 'x');
    }

    BenchResult run() throws Exception {
        drain(plan.queue());
        drain(plan.requests());
        BenchResult result = switch (plan.scenario()) {
            case PERSISTENT -> throughput(DeliveryMode.PERSISTENT, false);
            case NON_PERSISTENT -> throughput(DeliveryMode.NON_PERSISTENT, false);
            case TRANSACTED -> throughput(DeliveryMode.PERSISTENT, true);
            case LATENCY -> latency();
            case REQUEST_REPLY -> requestReply();
            case FAN_OUT -> fanOut();
        };
        if (failure.get() != null) {
            throw new IllegalStateException("A worker failed: " + failure.get(), failure.get());
        }
        return result;
    }

    private BenchResult throughput(int deliveryMode, boolean transacted) throws Exception {
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < plan.consumers(); c++) {
            workers.add(start(() -> consume(plan.queue(), transacted, received, duplicated)));
        }
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < plan.producers(); p++) {
            long first = (long) p << 40;
            producers.add(start(() -> produce(plan.queue(), deliveryMode, transacted, first, 0)));
        }
        finish(producers, workers);
        return result(start, sent.get());
    }

    private BenchResult latency() throws Exception {
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < plan.consumers(); c++) {
            workers.add(start(() -> consume(plan.queue(), false, received, duplicated)));
        }
        List<Thread> producers = List.of(start(() -> produce(plan.queue(), DeliveryMode.PERSISTENT, false, 0,
                plan.rate())));
        finish(producers, workers);
        return result(start, sent.get());
    }

    private BenchResult fanOut() throws Exception {
        int subscribers = 4;
        CountDownLatch subscribed = new CountDownLatch(subscribers);
        List<Set<Long>> perSubscriber = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int s = 0; s < subscribers; s++) {
            Set<Long> mine = ConcurrentHashMap.newKeySet();
            perSubscriber.add(mine);
            workers.add(start(() -> subscribe(subscribed, mine)));
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Subscribers did not start within 60 s");
        }
        long start = System.nanoTime();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < plan.producers(); p++) {
            long first = (long) p << 40;
            producers.add(start(() -> produce(plan.topic(), DeliveryMode.PERSISTENT, false, first, 0)));
        }
        finish(producers, workers);
        long total = sent.get();
        long gotten = perSubscriber.stream().mapToLong(Set::size).sum();
        long elapsed = Math.max(1, TimeUnit.NANOSECONDS.toMillis(lastReceipt.get() - start));
        return new BenchResult(total, gotten, total * subscribers - gotten, duplicated.get(), elapsed,
                total * 1000.0 / elapsed, 0, 0);
    }

    private BenchResult requestReply() throws Exception {
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < plan.consumers(); c++) {
            workers.add(start(this::respond));
        }
        List<Thread> requesters = new ArrayList<>();
        for (int p = 0; p < plan.producers(); p++) {
            long first = (long) p << 40;
            requesters.add(start(() -> request(first)));
        }
        for (Thread t : requesters) {
            t.join();
        }
        stopSending(System.nanoTime());
        for (Thread t : workers) {
            t.join();
        }
        return result(start, sent.get());
    }

    private void finish(List<Thread> producers, List<Thread> consumers) throws InterruptedException {
        for (Thread t : producers) {
            t.join();
        }
        stopSending(System.nanoTime());
        for (Thread t : consumers) {
            t.join();
        }
    }

    private BenchResult result(long start, long total) {
        long elapsed = Math.max(1, TimeUnit.NANOSECONDS.toMillis(lastReceipt.get() - start));
        long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        return new BenchResult(total, received.size(), Math.max(0, total - received.size()), duplicated.get(),
                elapsed, received.size() * 1000.0 / elapsed, percentile(sorted, 50), percentile(sorted, 99));
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * p / 100))];
    }

    /** Sends for the plan's time: one message at a time (at a fixed rate when {@code perSecond > 0}) or in transactions. */
    private void produce(Destination to, int deliveryMode, boolean transacted, long firstSequence, int perSecond)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.seconds());
        if (!transacted) {
            produceOneByOne(to, deliveryMode, firstSequence, deadline, perSecond);
            return;
        }
        long sequence = firstSequence;
        while (System.nanoTime() < deadline) {
            if (plan.jta()) {
                transaction.begin();
            }
            // Under JTA the pooled session joins the transaction when it is opened inside it.
            awaitRoom(BATCH);
            try (Connection connection = plan.factory().createConnection()) {
                Session session = connection.createSession(!plan.jta(), Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(to);
                producer.setDeliveryMode(deliveryMode);
                for (int i = 0; i < BATCH; i++) {
                    producer.send(message(session, sequence++));
                }
                if (!plan.jta()) {
                    session.commit();
                }
            }
            if (plan.jta()) {
                transaction.commit();
            }
            sent.addAndGet(BATCH);
        }
    }

    private void produceOneByOne(Destination to, int deliveryMode, long firstSequence, long deadline, int perSecond)
            throws Exception {
        long begun = System.nanoTime();
        long sequence = firstSequence;
        try (Connection connection = plan.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(to);
            producer.setDeliveryMode(deliveryMode);
            while (System.nanoTime() < deadline) {
                if (perSecond > 0) {
                    long wait = begun + (sequence - firstSequence) * 1_000_000_000L / perSecond - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // pacing the producer, not waiting for an outcome
                    }
                }
                awaitRoom(1);
                producer.send(message(session, sequence++));
                sent.incrementAndGet();
            }
        }
    }

    /** Waits while sending {@code count} more would exceed the plan's in-flight bound (point-to-point only). */
    private void awaitRoom(int count) throws InterruptedException {
        if (plan.maxInFlight() <= 0 || plan.scenario() == BenchScenario.FAN_OUT) {
            return;
        }
        int bound = Math.max(plan.maxInFlight(), count);
        while (sending && sent.get() + count - received.size() > bound) {
            TimeUnit.MILLISECONDS.sleep(1); // consumers catch up; nothing to be notified of
        }
    }

    private Message message(Session session, long sequence) throws JMSException {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(payload);
        m.setLongProperty("seq", sequence);
        m.setStringProperty("run", runId);
        m.setLongProperty("sentNanos", System.nanoTime());
        return m;
    }

    /** Receives until the producers are done and everything they sent is in, or the drain time ran out. */
    private void consume(Destination from, boolean transacted, Set<Long> into, AtomicLong twice) throws Exception {
        boolean jta = transacted && plan.jta();
        while (!finished(into)) {
            if (jta) {
                transaction.begin();
            }
            try (Connection connection = plan.factory().createConnection()) {
                connection.start();
                Session session = connection.createSession(transacted && !jta, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(from);
                int taken = 0;
                // Non-transacted: stay on this connection; transacted: one batch per transaction.
                while (!finished(into) && (!transacted || taken < BATCH)) {
                    Message m = consumer.receive(200);
                    if (m == null) {
                        if (transacted && taken > 0) {
                            break;
                        }
                        continue;
                    }
                    taken++;
                    record(m, into, twice);
                }
                if (transacted && !jta) {
                    session.commit();
                }
            }
            if (jta) {
                transaction.commit();
            }
        }
    }

    private void subscribe(CountDownLatch subscribed, Set<Long> into) throws Exception {
        try (Connection connection = plan.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(plan.topic());
            subscribed.countDown();
            while (!finished(into)) {
                Message m = consumer.receive(200);
                if (m != null) {
                    record(m, into, duplicated);
                }
            }
        }
    }

    private void request(long firstSequence) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.seconds());
        try (Connection connection = plan.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer producer = session.createProducer(plan.requests());
            MessageConsumer consumer = session.createConsumer(replies);
            long sequence = firstSequence;
            while (System.nanoTime() < deadline) {
                Message request = message(session, sequence++);
                request.setJMSReplyTo(replies);
                long asked = System.nanoTime();
                producer.send(request);
                sent.incrementAndGet();
                Message reply = consumer.receive(30_000);
                if (reply == null) {
                    throw new IllegalStateException("No reply within 30 s to request " + (sequence - 1));
                }
                latencies.add((System.nanoTime() - asked) / 1_000);
                record(reply, received, duplicated);
            }
        }
    }

    private void respond() throws Exception {
        try (Connection connection = plan.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(plan.requests());
            MessageProducer producer = session.createProducer(null);
            while (sending || System.nanoTime() - sendingEnded < TimeUnit.SECONDS.toNanos(1)) {
                Message request = consumer.receive(200);
                if (request == null) {
                    if (!sending) {
                        return;
                    }
                    continue;
                }
                Message reply = message(session, request.getLongProperty("seq"));
                producer.send(request.getJMSReplyTo(), reply);
            }
        }
    }

    private void record(Message m, Set<Long> into, AtomicLong twice) throws JMSException {
        if (!runId.equals(m.getStringProperty("run"))) {
            return; // left over from an earlier run
        }
        if (plan.scenario() == BenchScenario.LATENCY) {
            latencies.add((System.nanoTime() - m.getLongProperty("sentNanos")) / 1_000);
        }
        if (!into.add(m.getLongProperty("seq"))) {
            twice.incrementAndGet();
        }
        lastReceipt.accumulateAndGet(System.nanoTime(), Math::max);
    }

    /** The end of sending, written before the flag so that no consumer reads an end time not yet set. */
    private void stopSending(long endedAt) {
        sendingEnded = endedAt;
        sending = false;
    }

    private boolean finished(Set<Long> into) {
        if (sending) {
            return false;
        }
        return into.size() >= sent.get()
                || System.nanoTime() - sendingEnded > TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
    }

    private void drain(Destination destination) throws JMSException {
        if (destination == null) {
            return;
        }
        try (Connection connection = plan.factory().createConnection()) {
            connection.start();
            MessageConsumer consumer = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)
                    .createConsumer(destination);
            while (consumer.receive(100) != null) {
                // discard what an earlier run left
            }
        }
    }

    /** A worker thread from the server's managed thread factory (so JNDI and transactions work in it). */
    private Thread start(Work work) {
        Thread t = threads.newThread(() -> {
            try {
                work.run();
            } catch (Exception | Error e) {
                failure.compareAndSet(null, e);
                stopSending(0); // the others stop too, without draining
            }
        });
        t.start();
        return t;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }
}
