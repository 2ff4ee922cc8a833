package org.cairnmq.it.xa;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An XA resource that does nothing but look, when the transaction manager tells it to commit, whether a
 * queue already shows messages. Enlisted first, it is committed first in phase two, so a message sent in
 * the same transaction is still invisible then if Cairn took part in two-phase commit; a resource-local
 * (last resource) Cairn would have committed it during phase one.
 */
final class CommitOrderProbe implements XAResource {
    private final ConnectionFactory cairn;
    private final String queue;
    private volatile Boolean queueShowedMessagesAtCommit;
    private volatile boolean prepared;

    CommitOrderProbe(ConnectionFactory cairn, String queue) {
        this.cairn = cairn;
        this.queue = queue;
    }

    /** {@code null} if commit was never called. */
    Boolean queueShowedMessagesAtCommit() {
        return queueShowedMessagesAtCommit;
    }

    boolean prepared() {
        return prepared;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        // Looked at from a thread of its own: this one is in the middle of completing the transaction.
        queueShowedMessagesAtCommit = CompletableFuture.supplyAsync(this::queueShowsMessages)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private boolean queueShowsMessages() {
        try (Connection connection = cairn.createConnection()) {
            Session session = connection.createSession();
            return session.createBrowser(session.createQueue(queue)).getEnumeration().hasMoreElements();
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot browse " + queue, e);
        }
    }

    @Override
    public int prepare(Xid xid) {
        prepared = true;
        return XA_OK;
    }

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
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
