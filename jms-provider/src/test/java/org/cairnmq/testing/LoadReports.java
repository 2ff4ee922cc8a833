package org.cairnmq.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What a {@link BrokerUnderLoad} process reported, read by a thread of its own as the lines arrive: from its
 * standard output while it runs, from its report file once it is dead. Tests wait on it for a condition,
 * with a deadline.
 */
public final class LoadReports {
    private final Set<String> sent = new LinkedHashSet<>();
    private final Set<String> received = new LinkedHashSet<>();
    private final Set<String> acknowledged = new LinkedHashSet<>();
    private boolean ready;
    private boolean ended;
    private int otherLines;
    private final Thread reader;

    public LoadReports(InputStream childOutput) {
        reader = new Thread(() -> read(childOutput), "load-reports");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream childOutput) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(childOutput, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                add(line);
            }
        } catch (IOException e) {
            // The child is gone; what was read stands.
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private synchronized void add(String line) {
        if (line.equals("READY")) {
            ready = true;
        } else if (line.startsWith("S ")) {
            sent.add(line.substring(2));
        } else if (line.startsWith("R ")) {
            received.add(line.substring(2));
        } else if (line.startsWith("A ")) {
            acknowledged.add(line.substring(2));
        } else {
            otherLines++; // a half-written last line, or a library printing to standard output
        }
        notifyAll();
    }

    /**
     * Waits until the condition holds or the output ends.
     *
     * @return whether the condition holds
     */
    public synchronized boolean await(Predicate<LoadReports> condition, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!condition.test(this) && !ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return condition.test(this);
    }

    /** Waits until the child's output is closed, which happens once the child is dead. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        unit.timedJoin(reader, timeout);
        return !reader.isAlive();
    }

    public synchronized boolean ready() {
        return ready;
    }

    public synchronized boolean ended() {
        return ended;
    }

    public synchronized Set<String> sent() {
        return new LinkedHashSet<>(sent);
    }

    public synchronized Set<String> received() {
        return new LinkedHashSet<>(received);
    }

    public synchronized Set<String> acknowledged() {
        return new LinkedHashSet<>(acknowledged);
    }

    public synchronized int sentCount() {
        return sent.size();
    }

    public synchronized int acknowledgedCount() {
        return acknowledged.size();
    }

    public synchronized int otherLines() {
        return otherLines;
    }
}
