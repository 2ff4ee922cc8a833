package org.cairnmq.engine;

import java.time.Clock;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Makes messages deliverable later: those sent with a delivery delay, and redeliveries waiting out their
 * back-off. One timer thread for the whole broker, woken at each due time, never a poll per message or
 * consumer.
 */
final class DeliveryScheduler implements AutoCloseable {
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "cairn-delivery-scheduler");
        t.setDaemon(true);
        return t;
    });

    DeliveryScheduler(Clock clock) {
        this.clock = clock;
        // A cancelled task (an XA branch finished before its timeout) must not hold memory until it is due.
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Runs the action at the given epoch millisecond, or at once if that has passed.
     *
     * @return cancels the action if it has not run yet
     */
    Runnable at(long dueMillis, Runnable action) {
        long delay = dueMillis - clock.millis();
        if (delay <= 0) {
            action.run();
            return () -> { };
        }
        Future<?> due = timer.schedule(action, delay, TimeUnit.MILLISECONDS);
        return () -> due.cancel(false);
    }

    /** Actions waiting for their time. */
    int pending() {
        return timer.getQueue().size();
    }

    /**
     * Drops what is not due yet and waits for a running action to finish. Never interrupts it: an action may
     * be writing to the store, and an interrupted thread makes H2 close its database file.
     */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
