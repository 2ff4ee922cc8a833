package org.cairnmq.engine;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes messages deliverable later: those sent with a delivery delay, and redeliveries waiting out their
 * back-off. One timer thread for the whole broker, woken at each due time, never a poll per message or
 * consumer.
 */
final class DeliveryScheduler implements AutoCloseable {
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairn-delivery-scheduler");
        t.setDaemon(true);
        return t;
    });

    DeliveryScheduler(Clock clock) {
        this.clock = clock;
    }

    /** Runs the action at the given epoch millisecond, or at once if that has passed. */
    void at(long dueMillis, Runnable action) {
        long delay = dueMillis - clock.millis();
        if (delay <= 0) {
            action.run();
        } else {
            timer.schedule(action, delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
