package org.cairnmq.jms;

import jakarta.jms.IllegalStateRuntimeException;

/**
 * The connection under a {@link JmsContext} and the contexts made from it with
 * {@code JMSContext.createContext(int)}. It counts the contexts still open and closes the connection
 * when the last one closes.
 */
final class SharedConnection {
    private final JmsConnection connection;
    private int openContexts = 1;

    SharedConnection(JmsConnection connection) {
        this.connection = connection;
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

    /** Counts one context fewer, and closes the connection when none is left. */
    void release() {
        synchronized (this) {
            if (openContexts == 0 || --openContexts > 0) {
                return;
            }
        }
        JmsExceptions.uncheckedRun(connection::close);
    }
}
