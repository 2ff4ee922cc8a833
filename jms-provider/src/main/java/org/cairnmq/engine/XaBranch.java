package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.List;
import org.cairnmq.store.StoredXid;

/**
 * One XA transaction branch in the broker's resource manager: the work its sessions did, and where it
 * stands. Guarded by the resource manager's lock.
 */
final class XaBranch {
    /** The states of a branch (XA specification, section 2.3). */
    enum State { ACTIVE, IDLE, ROLLBACK_ONLY, PREPARED }

    final StoredXid xid;
    State state = State.ACTIVE;
    final List<OutgoingMessage> sends = new ArrayList<>();
    final List<QueuedMessage> acknowledged = new ArrayList<>();
    /** After prepare: the sends as the queued messages they become at commit. */
    List<QueuedMessage> preparedArrivals = List.of();
    int associations;
    /** Rolled back by the broker when its transaction timeout ran out; its outcome is XA_RBTIMEOUT. */
    boolean timedOut;
    /** Prepare or one-phase commit is under way: too late for the timeout. */
    boolean finishing;
    /** Cancels the branch's timeout; a no-op when it has none. */
    Runnable cancelTimeout = () -> { };

    XaBranch(StoredXid xid) {
        this.xid = xid;
    }
}
