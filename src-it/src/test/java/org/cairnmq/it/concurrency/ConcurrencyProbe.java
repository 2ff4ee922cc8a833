package org.cairnmq.it.concurrency;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Counts the bean's concurrent {@code onMessage} calls. Until the test opens the gate, each call waits
 * (within a bound) inside {@link #enter}, so the calls pile up to as many as the adapter runs at once.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConcurrencyProbe {
    private static final Duration GATE_BOUND = Duration.ofSeconds(60);

    private int active;
    private int maxActive;
    private int processed;
    private boolean open;

    public synchronized void enter() throws InterruptedException {
        active++;
        maxActive = Math.max(maxActive, active);
        notifyAll();
        awaitUntil(() -> open, GATE_BOUND);
    }

    public synchronized void exit() {
        active--;
        processed++;
        notifyAll();
    }

    public synchronized void open() {
        open = true;
        notifyAll();
    }

    /** Waits, within the bound, until {@code count} calls are inside; returns how many are. */
    public synchronized int awaitActive(int count, Duration max) throws InterruptedException {
        awaitUntil(() -> active >= count, max);
        return active;
    }

    /** Waits, within the bound, until {@code count} calls have returned; returns how many have. */
    public synchronized int awaitProcessed(int count, Duration max) throws InterruptedException {
        awaitUntil(() -> processed >= count, max);
        return processed;
    }

    public synchronized int maxActive() {
        return maxActive;
    }

    // Called holding the monitor.
    private void awaitUntil(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && deadline - System.nanoTime() > 0) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }
}
