package org.cairnmq.engine;

import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.cairnmq.store.StoredXid;

/**
 * A session's door to the broker's XA resource manager. Between {@code start} and {@code end} the
 * session's sends and acknowledgements belong to the branch; the branch's state lives in the broker,
 * so any resource of the same broker can prepare, commit, roll back or recover it.
 */
public final class EngineXaResource implements XAResource {
    private final EngineSession session;
    private final XaResourceManager manager;
    private XaBranch current;
    private int timeoutSeconds;

    EngineXaResource(EngineSession session, XaResourceManager manager) {
        this.session = session;
        this.manager = manager;
    }

    @Override
    public synchronized void start(Xid xid, int flags) throws XAException {
        if (current != null) {
            throw protocol("The session is already in branch " + current.xid);
        }
        boolean joinOrResume = (flags & (TMJOIN | TMRESUME)) != 0;
        current = manager.start(stored(xid), joinOrResume, timeoutSeconds);
        session.begin();
    }

    @Override
    public synchronized void end(Xid xid, int flags) throws XAException {
        if (current == null || !current.xid.equals(stored(xid))) {
            throw protocol("The session is not in branch " + stored(xid));
        }
        EngineSession.TransactionWork work = session.detachTransactionWork();
        manager.end(current, work.sends(), work.acknowledged(), (flags & TMFAIL) != 0);
        current = null;
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return manager.prepare(stored(xid)) ? XA_OK : XA_RDONLY;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        manager.commit(stored(xid), onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        manager.rollback(stored(xid));
    }

    @Override
    public void forget(Xid xid) throws XAException {
        manager.forget(stored(xid));
    }

    @Override
    public Xid[] recover(int flag) {
        // Every prepared branch at the start of a scan; nothing more at its end.
        if ((flag & TMSTARTRSCAN) == 0 && flag != TMNOFLAGS) {
            return new Xid[0];
        }
        List<StoredXid> prepared = manager.prepared();
        return prepared.stream().map(RecoveredXid::new).toArray(Xid[]::new);
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof EngineXaResource o && o.manager == manager;
    }

    @Override
    public synchronized int getTransactionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public synchronized boolean setTransactionTimeout(int seconds) {
        timeoutSeconds = seconds;
        return true;
    }

    static StoredXid stored(Xid xid) {
        return new StoredXid(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    private static XAException protocol(String message) {
        XAException e = new XAException(message);
        e.errorCode = XAException.XAER_PROTO;
        return e;
    }

    /** A prepared branch's id as {@link #recover} reports it. */
    private record RecoveredXid(StoredXid stored) implements Xid {
        @Override
        public int getFormatId() {
            return stored.formatId();
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return stored.globalTransactionId().clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return stored.branchQualifier().clone();
        }
    }
}
