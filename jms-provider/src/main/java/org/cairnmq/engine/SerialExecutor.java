package org.cairnmq.engine;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in submission order, on threads borrowed from a shared executor.
 *
 * <p>It survives any task: a task that throws is logged and the next one runs. When the shared executor
 * refuses the drain (a WorkManager that is full or stopping), the tasks are run on the submitting thread
 * instead of being lost, and the refusal is never thrown at the submitter.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());
    private final Executor threads;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            threads.execute(this::drain);
        } catch (RejectedExecutionException refused) {
            LOG.log(Level.WARNING, "CAIRN-ENGINE-010 The delivery threads refused work; running it on the caller's "
                    + "thread: " + refused.getMessage());
            drain();
        }
    }

    /**
     * Waits until no task is running or queued, at most {@code timeout}. Must not be called from a task of
     * this executor.
     *
     * @return whether it became idle in time
     */
    boolean awaitIdle(long timeout, TimeUnit unit) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        try {
            synchronized (tasks) {
                while (running) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        tasks.wait(left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return true;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    tasks.notifyAll();
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable failed) {
                // One task's failure must not stop the session's later deliveries or hang its close.
                LOG.log(Level.WARNING, "CAIRN-ENGINE-011 A session task failed; the session goes on", failed);
            }
        }
    }
}
