package org.cairnmq.jms;

/**
 * Marks the thread while it runs a {@code MessageListener} or {@code CompletionListener} that belongs to a
 * {@link JmsContext}, so the context can refuse what the specification forbids such callbacks to do:
 * closing or stopping their own context, or committing or rolling back from a completion listener.
 */
final class ContextCallbacks {
    /** The two kinds of callback the JMSContext rules distinguish. */
    enum Kind { MESSAGE_LISTENER, COMPLETION_LISTENER }

    /** A callback running on the current thread. */
    record Running(JmsContext context, Kind kind) {
    }

    private static final ThreadLocal<Running> RUNNING = new ThreadLocal<>();

    private ContextCallbacks() {
    }

    /** Runs a callback of the given context, marked for the time it runs. */
    static void run(JmsContext context, Kind kind, Runnable callback) {
        Running outer = RUNNING.get();
        RUNNING.set(new Running(context, kind));
        try {
            callback.run();
        } finally {
            if (outer == null) {
                RUNNING.remove();
            } else {
                RUNNING.set(outer);
            }
        }
    }

    /** The callback the current thread is running, or {@code null}. */
    static Running current() {
        return RUNNING.get();
    }
}
