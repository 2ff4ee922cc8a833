package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.transaction.xa.XAException;
import org.cairnmq.engine.XaBranch.Decision;
import org.cairnmq.engine.XaBranch.State;
import org.cairnmq.store.PreparedTransactionStore;
import org.cairnmq.store.StoredXid;

/**
 * The broker as an XA resource manager: branches keyed by Xid, with explicit states. {@code prepare}
 * writes the branch to the store, so that after a restart {@code recover} names it and its outcome can
 * still be applied.
 *
 * <p>Each call changes the branch's state under the manager's lock, makes its store call without the lock
 * (one slow database call holds up only its own branch), then records the outcome under the lock. While a
 * store call runs the branch is {@code PREPARING}, {@code COMMITTING} or {@code ROLLING_BACK}, and other
 * calls for it are refused. A phase two whose store call failed leaves the branch {@code PREPARED}, marked
 * in doubt: the store may have applied it. The next attempt asks the store whether the branch is still
 * prepared there, and applies the outcome only if it is.
 */
final class XaResourceManager {
    private static final Logger LOG = Logger.getLogger(XaResourceManager.class.getName());
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
            if (!branch.isOpen()) {
                throw error(XAException.XAER_PROTO, "Branch " + xid + " is " + branch.state);
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
        if (branch.state != State.ROLLBACK_ONLY) {
            branch.state = State.ACTIVE;
        }
        branch.associations++;
        return branch;
    }

    /** Takes over a session's work at {@code end}; {@code failed} marks the branch rollback-only. */
    void end(XaBranch branch, List<OutgoingMessage> sends, List<QueuedMessage> acknowledged, boolean failed) {
        synchronized (this) {
            branch.associations--;
            if (!branch.timedOut && branch.state != State.DONE) {
                branch.sends.addAll(sends);
                branch.acknowledged.addAll(acknowledged);
                if (failed) {
                    branch.state = State.ROLLBACK_ONLY;
                } else if (branch.state == State.ACTIVE && branch.associations == 0) {
                    branch.state = State.IDLE;
                }
                return;
            }
        }
        // Rolled back (by its timeout, or by a rollback) while the session worked in it: this work is undone too.
        broker.redeliver(acknowledged);
    }

    /** @return {@code true} if the branch did work and is now prepared; {@code false} for read-only */
    boolean prepare(StoredXid xid) throws XAException {
        XaBranch branch;
        List<QueuedMessage> undo = null;
        synchronized (this) {
            branch = branch(xid);
            undo = begin(branch, State.PREPARING);
        }
        if (undo != null) {
            broker.redeliver(undo);
            throw rolledBack(branch);
        }
        // PREPARING: no other call touches the branch's work now, so it is read without the lock.
        WritePath.Work work;
        try {
            work = broker.route(branch.sends, branch.acknowledged, false);
        } catch (RuntimeException e) {
            synchronized (this) {
                undo = discard(branch); // not left PREPARING for ever
            }
            broker.redeliver(undo);
            throw error(XAException.XA_RBOTHER, "Prepare failed and rolled back: " + e.getMessage());
        }
        if (work.targets.isEmpty() && branch.acknowledged.isEmpty()) {
            synchronized (this) {
                finish(branch);
            }
            return false;
        }
        long[] ids;
        try {
            ids = broker.storeCall(() -> store.prepare(xid, work.batch));
        } catch (RuntimeException e) {
            work.abandon(); // its sends never arrive: their memory is free
            throw prepareFailed(branch, e);
        }
        List<QueuedMessage> arrivals = broker.arrivals(work, ids);
        synchronized (this) {
            branch.preparedArrivals = arrivals;
            branch.state = State.PREPARED;
            branch.cancelTimeout.run(); // only the transaction manager decides a prepared branch
        }
        return true;
    }

    /**
     * The prepare failed, perhaps after the store had written it: it is undone in the store if it is there.
     * If the store cannot even say, the branch waits, prepared and marked for rollback, for the transaction
     * manager's rollback (which a failed prepare calls for).
     */
    private XAException prepareFailed(XaBranch branch, RuntimeException failure) {
        try {
            broker.storeCall(() -> {
                if (store.isPrepared(branch.xid)) {
                    store.rollbackPrepared(branch.xid);
                }
                return null;
            });
        } catch (RuntimeException undoFailed) {
            synchronized (this) {
                branch.state = State.PREPARED;
                branch.inDoubt = Decision.ROLLBACK;
                branch.cancelTimeout.run();
            }
            LOG.warning("CAIRN-XA-002 Prepare of branch " + branch.xid + " failed and the store could not be asked "
                    + "whether it was written; the branch is held until it is rolled back: " + failure.getMessage());
            return error(XAException.XAER_RMFAIL, "Prepare failed; the branch waits for rollback: "
                    + failure.getMessage());
        }
        List<QueuedMessage> undo;
        synchronized (this) {
            undo = discard(branch);
        }
        broker.redeliver(undo);
        LOG.warning("CAIRN-XA-001 Prepare of branch " + branch.xid + " failed; the branch was rolled back: "
                + failure.getMessage());
        return error(XAException.XA_RBCOMMFAIL, "Prepare failed and rolled back: " + failure.getMessage());
    }

    /**
     * Moves an ended branch into {@code next} (prepare, one-phase commit). Monitor held.
     *
     * @return the branch's messages to redeliver when it was marked rollback-only (it is discarded), else
     *         {@code null}
     */
    private List<QueuedMessage> begin(XaBranch branch, State next) throws XAException {
        checkNotAssociated(branch);
        if (branch.state == State.ROLLBACK_ONLY) {
            return discard(branch);
        }
        if (branch.state != State.IDLE) {
            throw error(XAException.XAER_PROTO, "Branch " + branch.xid + " is " + branch.state + ", not ended");
        }
        branch.state = next;
        return null;
    }

    void commit(StoredXid xid, boolean onePhase) throws XAException {
        if (onePhase) {
            commitOnePhase(xid);
        } else {
            commitPrepared(xid);
        }
    }

    /**
     * Writes the branch's sends and acknowledgements in one store transaction. When that write fails the
     * store may have committed it all the same, so the store is asked before the transaction manager is
     * answered: committed, the call returns normally; not committed, {@code XA_RBCOMMFAIL}; the store
     * cannot say, {@code XA_HEURHAZ}, and the branch waits ({@code HAZARD}) for a retry, a rollback or a
     * forget to ask again.
     */
    private void commitOnePhase(StoredXid xid) throws XAException {
        XaBranch branch;
        List<QueuedMessage> undo = null;
        boolean written;
        synchronized (this) {
            branch = branch(xid);
            written = takeHazard(branch);
            if (!written) {
                undo = begin(branch, State.COMMITTING);
                if (undo == null) {
                    branch.cancelTimeout.run(); // its outcome is being decided; the timeout no longer applies
                }
            }
        }
        if (undo != null) {
            broker.redeliver(undo);
            throw rolledBack(branch);
        }
        String failure = "an earlier attempt failed";
        if (!written) {
            // COMMITTING: no other call touches the branch's work now, so it is read without the lock.
            try {
                // On a shared store the sends go to the store for any node to claim, as outside XA.
                branch.onePhase = broker.route(branch.sends, branch.acknowledged, broker.clustered());
                broker.commit(branch.onePhase);
                completeCommitted(branch);
                return;
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
        }
        Boolean committed = settleOnePhase(branch, failure);
        if (committed == null) {
            throw error(XAException.XA_HEURHAZ, "Commit failed and the store cannot say whether it was applied; "
                    + "commit again or forget the branch once it answers: " + failure);
        }
        if (!committed) {
            throw error(XAException.XA_RBCOMMFAIL, "Commit failed and rolled back: " + failure);
        }
    }

    /**
     * A one-phase commit failed: asks the store whether it was applied, and completes the branch either way.
     * Branch {@code COMMITTING}; no lock held.
     *
     * @return whether it was committed; {@code null} when the store cannot say: the branch is {@code HAZARD}
     */
    private Boolean settleOnePhase(XaBranch branch, String failure) {
        boolean committed;
        try {
            // Refused before the store (no work routed), or given no ids by it: nothing was written.
            committed = branch.onePhase != null && broker.settle(branch.onePhase);
        } catch (RuntimeException unknown) {
            synchronized (this) {
                branch.state = State.HAZARD;
            }
            LOG.warning("CAIRN-XA-006 One-phase commit of branch " + branch.xid + " failed and the store cannot "
                    + "say whether it was applied; the branch waits for the store: " + failure);
            return null;
        }
        if (committed) {
            LOG.info("CAIRN-XA-005 Branch " + branch.xid + " had been committed in the store by a one-phase commit "
                    + "that failed; it is completed now");
            completeCommitted(branch);
        } else {
            List<QueuedMessage> undo;
            synchronized (this) {
                undo = discard(branch);
            }
            broker.redeliver(undo);
        }
        return committed;
    }

    /** A one-phase commit is in the store and applied in memory: the branch is over. */
    private void completeCommitted(XaBranch branch) {
        synchronized (this) {
            finish(branch);
        }
        branch.acknowledged.forEach(m -> m.queue.statistics.acknowledged.incrementAndGet());
    }

    /** Takes a {@code HAZARD} branch for a call that settles it; {@code false} for any other state. Lock held. */
    private static boolean takeHazard(XaBranch branch) {
        if (branch.state != State.HAZARD) {
            return false;
        }
        branch.state = State.COMMITTING;
        return true;
    }

    private void commitPrepared(StoredXid xid) throws XAException {
        XaBranch branch;
        boolean askFirst;
        synchronized (this) {
            branch = branch(xid);
            if (branch.state == State.COMMITTING) {
                throw error(XAException.XA_RETRY, "Branch " + xid + " is being committed by another call");
            }
            if (branch.state != State.PREPARED) {
                throw error(XAException.XAER_PROTO, "Branch " + xid + " is " + branch.state + ", not prepared");
            }
            if (branch.inDoubt == Decision.ROLLBACK) {
                throw error(XAException.XAER_PROTO, "A rollback of branch " + xid + " was begun; only rollback ends it");
            }
            askFirst = branch.inDoubt == Decision.COMMIT;
            branch.state = State.COMMITTING;
        }
        boolean applied;
        try {
            applied = broker.storeCall(() -> applyInStore(branch.xid, askFirst, Decision.COMMIT));
        } catch (RuntimeException e) {
            synchronized (this) {
                branch.state = State.PREPARED;
                branch.inDoubt = Decision.COMMIT;
            }
            LOG.warning("CAIRN-XA-003 Commit of prepared branch " + xid + " failed; it stays prepared and the next "
                    + "commit finds out whether the store applied it: " + e.getMessage());
            throw error(XAException.XAER_RMFAIL, "Commit failed, branch stays prepared; commit again: " + e.getMessage());
        }
        if (!applied) {
            LOG.info("CAIRN-XA-005 Branch " + xid + " had been committed in the store by an earlier attempt that "
                    + "failed; it is completed now");
        }
        synchronized (this) {
            finish(branch);
        }
        broker.deliverCommitted(branch.preparedArrivals);
        branch.acknowledged.forEach(m -> m.queue.statistics.acknowledged.incrementAndGet());
        branch.acknowledged.forEach(QueuedMessage::releaseMemory);
    }

    void rollback(StoredXid xid) throws XAException {
        XaBranch branch;
        boolean askFirst;
        List<QueuedMessage> undo = null;
        boolean hazard;
        synchronized (this) {
            branch = branch(xid);
            hazard = takeHazard(branch);
            if (hazard) {
                askFirst = false;
            } else if (branch.isOpen()) {
                undo = discard(branch);
                askFirst = false;
            } else if (branch.state != State.PREPARED) {
                throw error(XAException.XAER_PROTO, "Branch " + xid + " is " + branch.state);
            } else if (branch.inDoubt == Decision.COMMIT) {
                throw error(XAException.XAER_PROTO, "A commit of branch " + xid + " was begun; only commit ends it");
            } else {
                askFirst = branch.inDoubt == Decision.ROLLBACK;
                branch.state = State.ROLLING_BACK;
            }
        }
        if (hazard) {
            Boolean committed = settleOnePhase(branch, "a one-phase commit failed");
            if (committed == null) {
                throw error(XAException.XA_HEURHAZ, "The store cannot yet say whether branch " + xid + " committed");
            }
            if (committed) {
                throw error(XAException.XA_HEURCOM, "Branch " + xid + " had been committed by its one-phase commit");
            }
            return;
        }
        if (undo != null) {
            broker.redeliver(undo);
            return;
        }
        boolean applied;
        try {
            applied = broker.storeCall(() -> applyInStore(branch.xid, askFirst, Decision.ROLLBACK));
        } catch (RuntimeException e) {
            synchronized (this) {
                branch.state = State.PREPARED;
                branch.inDoubt = Decision.ROLLBACK;
            }
            LOG.warning("CAIRN-XA-004 Rollback of prepared branch " + xid + " failed; it stays prepared and the next "
                    + "rollback finds out whether the store applied it: " + e.getMessage());
            throw error(XAException.XAER_RMFAIL, "Rollback failed, branch stays prepared; roll back again: "
                    + e.getMessage());
        }
        if (!applied) {
            LOG.info("CAIRN-XA-005 Branch " + xid + " had been rolled back in the store by an earlier attempt that "
                    + "failed; it is completed now");
        }
        branch.preparedArrivals.forEach(QueuedMessage::releaseMemory); // rolled-back sends never arrive
        synchronized (this) {
            undo = discard(branch);
        }
        broker.redeliver(undo);
    }

    /**
     * Commits or rolls back a prepared branch in the store. No lock held.
     *
     * @param askFirst an earlier attempt failed: the store is asked whether the branch is still prepared
     * @return {@code false} if the store no longer had the branch: the earlier attempt was applied after all
     */
    private Boolean applyInStore(StoredXid xid, boolean askFirst, Decision decision) {
        if (askFirst && !store.isPrepared(xid)) {
            return false;
        }
        if (decision == Decision.COMMIT) {
            store.commitPrepared(xid);
        } else {
            store.rollbackPrepared(xid);
        }
        return true;
    }

    /** The branch is over: removed, with its timeout. Lock held. */
    private void finish(XaBranch branch) {
        branch.state = State.DONE;
        forgetBranch(branch.xid);
    }

    /** The branch is over and its work dropped; returns what it acknowledged, to deliver again. Lock held. */
    private List<QueuedMessage> discard(XaBranch branch) {
        finish(branch);
        List<QueuedMessage> acknowledged = new ArrayList<>(branch.acknowledged);
        branch.acknowledged.clear();
        branch.sends.clear();
        return acknowledged;
    }

    /** Removes a finished branch, and its timeout, which would otherwise keep it in memory until due. Lock held. */
    private XaBranch forgetBranch(StoredXid xid) {
        XaBranch branch = branches.remove(xid);
        if (branch != null) {
            branch.cancelTimeout.run();
        }
        return branch;
    }

    private static void checkNotAssociated(XaBranch branch) throws XAException {
        if (branch.associations > 0 || branch.state == State.ACTIVE) {
            throw error(XAException.XAER_PROTO, "Branch " + branch.xid + " is still associated with a session");
        }
    }

    /** Why a rollback-only branch, now rolled back, could not be prepared or committed. */
    private static XAException rolledBack(XaBranch branch) {
        if (branch.timedOut) {
            return error(XAException.XA_RBTIMEOUT, "Branch " + branch.xid + " was rolled back: its timeout ran out");
        }
        return error(XAException.XA_RBROLLBACK, "Branch " + branch.xid + " was marked rollback-only");
    }

    /**
     * The branch's timeout ran out before prepare: its work is undone at once (acknowledged messages go back
     * to their queues) and the branch stays, rollback-only, until the transaction manager ends it.
     */
    private void timeOut(XaBranch branch) {
        List<QueuedMessage> undo;
        synchronized (this) {
            if (branches.get(branch.xid) != branch || !branch.isOpen() || branch.timedOut) {
                return; // ended, or being prepared or committed in time
            }
            branch.timedOut = true;
            branch.state = State.ROLLBACK_ONLY;
            branch.sends.clear();
            undo = new ArrayList<>(branch.acknowledged);
            branch.acknowledged.clear();
        }
        broker.redeliver(undo);
    }

    /**
     * The branches prepared in the store, including those whose outcome is being applied or failed to apply,
     * and those whose one-phase commit the store could not settle (heuristic hazard, listed until settled).
     */
    synchronized List<StoredXid> prepared() {
        List<StoredXid> prepared = new ArrayList<>();
        for (XaBranch branch : branches.values()) {
            if (branch.state == State.PREPARED || branch.state == State.COMMITTING
                    || branch.state == State.ROLLING_BACK || branch.state == State.HAZARD) {
                prepared.add(branch.xid);
            }
        }
        return prepared;
    }

    /**
     * Forgets a branch. A {@code HAZARD} branch is settled first, by asking the store what its one-phase
     * commit did; while the store cannot say, {@code XAER_RMFAIL} and the branch stays.
     */
    void forget(StoredXid xid) throws XAException {
        XaBranch branch;
        synchronized (this) {
            branch = branch(xid);
            if (branch.state == State.PREPARING || branch.state == State.COMMITTING
                    || branch.state == State.ROLLING_BACK) {
                throw error(XAException.XAER_PROTO, "Branch " + xid + " is " + branch.state);
            }
            if (!takeHazard(branch)) {
                finish(branch);
                return;
            }
        }
        if (settleOnePhase(branch, "a one-phase commit failed") == null) {
            throw error(XAException.XAER_RMFAIL, "The store cannot yet say whether branch " + xid + " committed");
        }
    }

    /** A branch found prepared in the store at start-up. */
    synchronized void restore(StoredXid xid, List<QueuedMessage> arrivals, List<QueuedMessage> acknowledged) {
        XaBranch branch = new XaBranch(xid);
        branch.preparedArrivals = arrivals;
        branch.acknowledged.addAll(acknowledged);
        branch.state = State.PREPARED;
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
