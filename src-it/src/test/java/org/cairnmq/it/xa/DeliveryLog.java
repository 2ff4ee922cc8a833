package org.cairnmq.it.xa;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the transacted MDB saw of each message and how each of its transactions ended, kept outside any
 * transaction so that rolled-back deliveries are counted too.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryLog {
    /** One delivery of a message: its headers as the bean saw them, then its transaction's outcome. */
    public record Attempt(String text, boolean redelivered, int deliveryCount, Boolean committed) {
    }

    private final List<Attempt> attempts = new ArrayList<>();

    public synchronized void delivered(String text, boolean redelivered, int deliveryCount) {
        attempts.add(new Attempt(text, redelivered, deliveryCount, null));
    }

    /** The outcome of the last delivery of {@code text}, from the transaction's afterCompletion. */
    public synchronized void completed(String text, boolean committed) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            Attempt attempt = attempts.get(i);
            if (attempt.text().equals(text) && attempt.committed() == null) {
                attempts.set(i, new Attempt(text, attempt.redelivered(), attempt.deliveryCount(), committed));
                break;
            }
        }
        notifyAll();
    }

    /** Waits until {@code count} deliveries of {@code text} have completed, or the time is up. */
    public synchronized List<Attempt> awaitCompleted(String text, int count, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (completed(text).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return completed(text);
    }

    private List<Attempt> completed(String text) {
        List<Attempt> found = new ArrayList<>();
        for (Attempt attempt : attempts) {
            if (attempt.text().equals(text) && attempt.committed() != null) {
                found.add(attempt);
            }
        }
        return found;
    }
}
