package org.cairnmq.it.notsupported;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the bean was given, call by call: text, JMSRedelivered, JMSXDeliveryCount, whether in a transaction. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryAttempts {
    /** One call of onMessage. */
    public record Attempt(String text, boolean redelivered, int deliveryCount, boolean inTransaction, long atNanos) {
    }

    private final List<Attempt> attempts = new ArrayList<>();

    public synchronized void record(Attempt attempt) {
        attempts.add(attempt);
        notifyAll();
    }

    /** Waits, within the bound, until {@code count} calls got the text; returns those calls. */
    public synchronized List<Attempt> await(String text, int count, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (of(text).size() < count && deadline - System.nanoTime() > 0) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return of(text);
    }

    private List<Attempt> of(String text) {
        return attempts.stream().filter(a -> a.text().equals(text)).toList();
    }
}
