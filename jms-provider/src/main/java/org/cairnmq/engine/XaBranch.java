package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.List;
import org.cairnmq.store.StoredXid;

/**
 * One XA transaction branch in the broker's resource manager: the work its sessions did, and where it
 * stands. Guarded by the resource manager's lock.
 */
final class XaBranch {
    /**
     * The states of a branch (XA specification, section 2.3), with the states of a call under way: while a
     * branch is {@code PREPARING}, {@code COMMITTING} or {@code ROLLING_BACK} its store call runs outside the
     * manager's lock, and every other call for the branch is refused. {@code HAZARD}: a one-phase commit
     * failed and the store could not say whether it committed (the transaction manager was told
     * {@code XA_HEURHAZ}); a commit retry, rollback or forget asks the store again.
     */
    enum State { ACTIVE, IDLE, ROLLBACK_ONLY, PREPARING, PREPARED, COMMITTING, ROLLING_BACK, HAZARD, DONE }

    /** An outcome that was begun in the store and failed, so that the store may or may not have applied it. */
    enum Decision { COMMIT, ROLLBACK }

    final StoredXid xid;
    State state = State.ACTIVE;
    final List<OutgoingMessage> sends = new ArrayList<>();
    final List<QueuedMessage> acknowledged = new ArrayList<>();
    /** After prepare: the sends as the queued messages they become at commit. */
    List<QueuedMessage> preparedArrivals = List.of();
    int associations;
    /** Rolled back by the broker when its transaction timeout ran out; its outcome is XA_RBTIMEOUT. */
    boolean timedOut;
    /**
     * Set while PREPARED when a store call for this outcome failed: the next attempt asks the store first
     * whether the branch is still prepared there. {@code null} when no phase two failed.
     */
    Decision inDoubt;
    /** A one-phase commit's work, routed at its first attempt; kept while the branch is {@code HAZARD}. */
    WritePath.Work onePhase;
    /** Cancels the branch's timeout; a no-op when it has none. */
    Runnable cancelTimeout = () -> { };

    XaBranch(StoredXid xid) {
        this.xid = xid;
    }

    /** Whether sessions may still work in it, or end it: before prepare. */
    boolean isOpen() {
        return state == State.ACTIVE || state == State.IDLE || state == State.ROLLBACK_ONLY;
    }
}
