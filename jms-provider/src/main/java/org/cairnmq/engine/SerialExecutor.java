package org.cairnmq.engine;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Runs tasks one at a time, in submission order, on threads borrowed from a shared executor. */
final class SerialExecutor implements Executor {
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
        threads.execute(this::drain);
    }

    /** Waits until no task is running or queued. Must not be called from a task of this executor. */
    void awaitIdle() {
        boolean interrupted = false;
        synchronized (tasks) {
            while (running) {
                try {
                    tasks.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
            next.run();
        }
    }
}
