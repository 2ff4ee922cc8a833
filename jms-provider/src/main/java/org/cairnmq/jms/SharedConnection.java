package org.cairnmq.jms;

import jakarta.jms.IllegalStateRuntimeException;

/**
 * The connection under a {@link JmsContext} and the contexts made from it with
 * {@code JMSContext.createContext(int)}. It counts the contexts still open and closes the connection
 * when the last one closes.
 */
final class SharedConnection {
    private final JmsConnection connection;
    private final JmsExceptions.Action whenUnused;
    private int openContexts = 1;

    SharedConnection(JmsConnection connection) {
        this(connection, connection::close);
    }

    /** A connection that someone else owns: when the last context closes, {@code whenUnused} runs instead. */
    SharedConnection(JmsConnection connection, JmsExceptions.Action whenUnused) {
        this.connection = connection;
        this.whenUnused = whenUnused;
    }

    JmsConnection connection() {
        return connection;
    }

    /** Counts one more context on the connection. */
    synchronized void retain() {
        if (openContexts == 0) {
            throw new IllegalStateRuntimeException("The connection is closed");
        }
        openContexts++;
    }

    /** Counts one context fewer, and closes the connection (or runs the owner's action) when none is left. */
    void release() {
        synchronized (this) {
            if (openContexts == 0 || --openContexts > 0) {
                return;
            }
        }
        JmsExceptions.uncheckedRun(whenUnused);
    }
}
