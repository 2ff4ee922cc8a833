package org.cairnmq.jms;

import jakarta.jms.IllegalStateException;

/**
 * A session's callbacks (message listeners and completion listeners), which run one at a time on the
 * session's delivery thread, and the asynchronous sends still in flight. Closing or committing the
 * session waits for those sends, except from inside a callback, where waiting could never end.
 */
final class SessionCallbacks {
    private static final ThreadLocal<SessionCallbacks> RUNNING = new ThreadLocal<>();
    private static final ThreadLocal<SessionCallbacks> COMPLETING = new ThreadLocal<>();
    private int pendingSends;

    synchronized void sendStarted() {
        pendingSends++;
    }

    synchronized void sendFinished() {
        pendingSends--;
        notifyAll();
    }

    /** Runs a callback of this session, marking the thread for {@link #inCallback()}. */
    void run(Runnable callback) {
        SessionCallbacks outer = RUNNING.get();
        RUNNING.set(this);
        try {
            callback.run();
        } finally {
            RUNNING.set(outer);
        }
    }

    /** Runs a completion listener of this session. */
    void runCompletion(Runnable callback) {
        SessionCallbacks outer = COMPLETING.get();
        COMPLETING.set(this);
        try {
            run(callback);
        } finally {
            COMPLETING.set(outer);
        }
    }

    boolean inCallback() {
        return RUNNING.get() == this;
    }

    /** Refuses what the specification forbids inside a completion listener (close, commit, rollback). */
    void refuseInCompletionListener(String operation) throws IllegalStateException {
        if (COMPLETING.get() == this) {
            throw new IllegalStateException(operation + " is not allowed in a CompletionListener of its own session");
        }
    }

    /** Waits until every asynchronous send has completed, unless called from one of the session's callbacks. */
    void awaitPendingSends() {
        if (inCallback()) {
            return;
        }
        boolean interrupted = false;
        synchronized (this) {
            while (pendingSends > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
