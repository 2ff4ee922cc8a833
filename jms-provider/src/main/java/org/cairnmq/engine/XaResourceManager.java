package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.transaction.xa.XAException;
import org.cairnmq.store.PreparedTransactionStore;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredXid;

/**
 * The broker as an XA resource manager: branches keyed by Xid, with explicit states. {@code prepare}
 * writes the branch to the store, so that after a restart {@code recover} names it and its outcome can
 * still be applied.
 */
final class XaResourceManager {
    private final Broker broker;
    private final PreparedTransactionStore store;
    private final Map<StoredXid, XaBranch> branches = new HashMap<>();

    XaResourceManager(Broker broker, PreparedTransactionStore store) {
        this.broker = broker;
        this.store = store;
    }

    /**
     * @param timeoutSeconds for a new branch: how long it may take until prepare (or one-phase commit)
     *                       before the broker rolls it back; {@code 0} for no limit
     */
    synchronized XaBranch start(StoredXid xid, boolean joinOrResume, int timeoutSeconds) throws XAException {
        XaBranch branch = branches.get(xid);
        if (joinOrResume) {
            if (branch == null) {
                throw error(XAException.XAER_NOTA, "No branch " + xid + " to join or resume");
            }
            if (branch.state == XaBranch.State.PREPARED) {
                throw error(XAException.XAER_PROTO, "Branch " + xid + " is prepared");
            }
        } else {
            if (branch != null) {
                throw error(XAException.XAER_DUPID, "Branch " + xid + " exists");
            }
            branch = new XaBranch(xid);
            branches.put(xid, branch);
            if (timeoutSeconds > 0) {
                XaBranch started = branch;
                started.cancelTimeout = broker.later(timeoutSeconds * 1000L, () -> timeOut(started));
            }
        }
        if (branch.state != XaBranch.State.ROLLBACK_ONLY) {
            branch.state = XaBranch.State.ACTIVE;
        }
        branch.associations++;
        return branch;
    }

    /** Takes over a session's work at {@code end}; {@code failed} marks the branch rollback-only. */
    synchronized void end(XaBranch branch, List<OutgoingMessage> sends, List<QueuedMessage> acknowledged,
            boolean failed) {
        branch.associations--;
        if (branch.timedOut) {
            // Rolled back while the session worked in it: this work is undone too.
            broker.redeliver(acknowledged);
            return;
        }
        branch.sends.addAll(sends);
        branch.acknowledged.addAll(acknowledged);
        if (failed) {
            branch.state = XaBranch.State.ROLLBACK_ONLY;
        } else if (branch.state == XaBranch.State.ACTIVE) {
            branch.state = XaBranch.State.IDLE;
        }
    }

    /** @return {@code true} if the branch did work and is now prepared; {@code false} for read-only */
    boolean prepare(StoredXid xid) throws XAException {
        XaBranch branch;
        synchronized (this) {
            branch = branch(xid);
            rejectRollbackOnly(branch);
            if (branch.state != XaBranch.State.IDLE) {
                throw error(XAException.XAER_PROTO, "Branch " + xid + " is " + branch.state + ", not ended");
            }
            branch.finishing = true;
        }
        Broker.Work work;
        try {
            work = broker.route(branch.sends, branch.acknowledged, false);
        } catch (BrokerException e) { // no memory for its sends within the wait: nothing was written
            rollback(xid);
            throw error(XAException.XA_RBOTHER, "Prepare refused and rolled back: " + e.getMessage());
        }
        if (work.targets.isEmpty() && branch.acknowledged.isEmpty()) {
            synchronized (this) {
                forgetBranch(xid);
            }
            return false;
        }
        long[] ids;
        try {
            ids = store.prepare(xid, work.batch);
        } catch (StoreException e) {
            work.abandon(); // its sends never arrive: their memory is free
            rollback(xid);
            throw error(XAException.XA_RBCOMMFAIL, "Prepare failed and rolled back: " + e.getMessage());
        }
        synchronized (this) {
            branch.preparedArrivals = broker.arrivals(work, ids);
            branch.state = XaBranch.State.PREPARED;
            branch.cancelTimeout.run(); // only the transaction manager decides a prepared branch
        }
        return true;
    }

    void commit(StoredXid xid, boolean onePhase) throws XAException {
        XaBranch branch;
        synchronized (this) {
            branch = branch(xid);
        }
        if (onePhase) {
            synchronized (this) {
                rejectRollbackOnly(branch);
                if (branch.state != XaBranch.State.IDLE) {
                    throw error(XAException.XAER_PROTO, "Branch " + xid + " is " + branch.state + ", not ended");
                }
                branch.finishing = true;
            }
            try {
                broker.complete(branch.sends, branch.acknowledged);
            } catch (BrokerException e) {
                rollback(xid);
                throw error(XAException.XA_RBCOMMFAIL, "Commit failed and rolled back: " + e.getMessage());
            }
        } else {
            if (branch.state != XaBranch.State.PREPARED) {
                throw error(XAException.XAER_PROTO, "Branch " + xid + " is " + branch.state + ", not prepared");
            }
            try {
                store.commitPrepared(xid);
            } catch (StoreException e) {
                // Still prepared: the transaction manager retries the commit.
                throw error(XAException.XAER_RMFAIL, "Commit failed, branch stays prepared: " + e.getMessage());
            }
            broker.deliverAll(branch.preparedArrivals);
            branch.acknowledged.forEach(m -> m.queue.statistics.acknowledged.incrementAndGet());
            branch.acknowledged.forEach(QueuedMessage::releaseMemory);
        }
        synchronized (this) {
            forgetBranch(xid);
        }
    }

    void rollback(StoredXid xid) throws XAException {
        XaBranch branch;
        synchronized (this) {
            branch = branch(xid);
            forgetBranch(xid);
        }
        if (branch.state == XaBranch.State.PREPARED) {
            try {
                store.rollbackPrepared(xid);
            } catch (StoreException e) {
                synchronized (this) {
                    branches.put(xid, branch);
                }
                throw error(XAException.XAER_RMFAIL, "Rollback failed, branch stays prepared: " + e.getMessage());
            }
        }
        branch.preparedArrivals.forEach(QueuedMessage::releaseMemory); // rolled-back sends never arrive
        broker.redeliver(branch.acknowledged);
    }

    /** Removes a finished branch, and its timeout, which would otherwise keep it in memory until due. Lock held. */
    private XaBranch forgetBranch(StoredXid xid) {
        XaBranch branch = branches.remove(xid);
        if (branch != null) {
            branch.cancelTimeout.run();
        }
        return branch;
    }

    /** A rollback-only branch ends here: rolled back, and the caller told why. Lock held. */
    private void rejectRollbackOnly(XaBranch branch) throws XAException {
        if (branch.state != XaBranch.State.ROLLBACK_ONLY) {
            return;
        }
        rollback(branch.xid);
        if (branch.timedOut) {
            throw error(XAException.XA_RBTIMEOUT, "Branch " + branch.xid + " was rolled back: its timeout ran out");
        }
        throw error(XAException.XA_RBROLLBACK, "Branch " + branch.xid + " was marked rollback-only");
    }

    /**
     * The branch's timeout ran out before prepare: its work is undone at once (acknowledged messages go back
     * to their queues) and the branch stays, rollback-only, until the transaction manager ends it.
     */
    private synchronized void timeOut(XaBranch branch) {
        if (branches.get(branch.xid) != branch || branch.state == XaBranch.State.PREPARED || branch.finishing) {
            return; // ended, or prepared or committing in time
        }
        branch.timedOut = true;
        branch.state = XaBranch.State.ROLLBACK_ONLY;
        branch.sends.clear();
        broker.redeliver(branch.acknowledged);
        branch.acknowledged.clear();
    }

    synchronized List<StoredXid> prepared() {
        List<StoredXid> prepared = new ArrayList<>();
        for (XaBranch branch : branches.values()) {
            if (branch.state == XaBranch.State.PREPARED) {
                prepared.add(branch.xid);
            }
        }
        return prepared;
    }

    synchronized void forget(StoredXid xid) throws XAException {
        if (forgetBranch(xid) == null) {
            throw error(XAException.XAER_NOTA, "No branch " + xid);
        }
    }

    /** A branch found prepared in the store at start-up. */
    synchronized void restore(StoredXid xid, List<QueuedMessage> arrivals, List<QueuedMessage> acknowledged) {
        XaBranch branch = new XaBranch(xid);
        branch.preparedArrivals = arrivals;
        branch.acknowledged.addAll(acknowledged);
        branch.state = XaBranch.State.PREPARED;
        branches.put(xid, branch);
    }

    private XaBranch branch(StoredXid xid) throws XAException {
        XaBranch branch = branches.get(xid);
        if (branch == null) {
            throw error(XAException.XAER_NOTA, "No branch " + xid);
        }
        return branch;
    }

    private static XAException error(int code, String message) {
        XAException e = new XAException(message);
        e.errorCode = code;
        return e;
    }
}
