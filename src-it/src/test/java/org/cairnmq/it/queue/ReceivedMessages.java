package org.cairnmq.it.queue;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Counts what the MDB received, per message text, so a test can check each arrived exactly once. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ReceivedMessages {
    private final Map<String, Integer> timesReceived = new HashMap<>();
    private int deliveries;

    public synchronized void record(String text) {
        timesReceived.merge(text, 1, Integer::sum);
        deliveries++;
        notifyAll();
    }

    /** Waits until at least {@code count} deliveries arrived, or the time is up; returns the count then. */
    public synchronized int awaitDeliveries(int count, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (deliveries < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return deliveries;
    }

    public synchronized Map<String, Integer> snapshot() {
        return new HashMap<>(timesReceived);
    }

    public synchronized int deliveries() {
        return deliveries;
    }
}
