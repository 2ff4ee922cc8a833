package org.cairnmq.ra;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The broker's {@link XAResource} as the server's transaction manager sees it: every call goes to the
 * broker, where the branches live; this class only notes, for the session handles, whether the pooled
 * session is between {@code start} and {@code end}.
 */
final class CairnXaResource implements XAResource {
    private final XAResource broker;
    private final TransactionFlag inBranch;

    CairnXaResource(XAResource broker, TransactionFlag inBranch) {
        this.broker = broker;
        this.inBranch = inBranch;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        broker.start(xid, flags);
        inBranch.set(true);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        // Whatever the outcome, the session no longer does the branch's work.
        try {
            broker.end(xid, flags);
        } finally {
            inBranch.set(false);
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return broker.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        broker.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        broker.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        broker.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return broker.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        XAResource unwrapped = other instanceof CairnXaResource cairn ? cairn.broker : other;
        return broker.isSameRM(unwrapped);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return broker.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return broker.setTransactionTimeout(seconds);
    }
}
