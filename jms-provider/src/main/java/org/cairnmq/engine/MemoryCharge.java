package org.cairnmq.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The memory one message copy holds against its destination's and the broker's limits, from the moment
 * its send is admitted until it is acknowledged, expired, dead-lettered or dropped. Shared by the copy's
 * delivery attempts; releasing it twice releases it once.
 */
final class MemoryCharge {
    private final MemoryBudget budget;
    private final MemoryBudget.Usage usage;
    private final long bytes;
    private final AtomicBoolean held = new AtomicBoolean(true);

    MemoryCharge(MemoryBudget budget, MemoryBudget.Usage usage, long bytes) {
        this.budget = budget;
        this.usage = usage;
        this.bytes = bytes;
    }

    long bytes() {
        return bytes;
    }

    /** Gives the memory back, waking blocked producers; a no-op once released. */
    void release() {
        if (held.compareAndSet(true, false)) {
            budget.release(usage, bytes);
        }
    }

    /** Holds the memory again, without asking, after a release (a failed write that is tried again). */
    void holdAgain() {
        if (held.compareAndSet(false, true)) {
            budget.charge(usage, bytes);
        }
    }
}
