package org.cairnmq.it.support;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An XA resource with nothing to do: it votes yes and forgets. Tests enlist a subclass beside Cairn to watch
 * or to interrupt the transaction manager at one step of two-phase commit.
 */
public abstract class PassiveXaResource implements XAResource {

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }
}
