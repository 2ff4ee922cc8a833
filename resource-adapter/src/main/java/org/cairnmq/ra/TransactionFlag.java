package org.cairnmq.ra;

/**
 * Whether a pooled session is working inside a transaction the container manages (an XA branch or a
 * resource-local transaction). The session handles read it to apply the EE rules; the server's
 * transaction threads write it.
 */
final class TransactionFlag {
    private volatile boolean active;

    boolean isActive() {
        return active;
    }

    void set(boolean active) {
        this.active = active;
    }
}
