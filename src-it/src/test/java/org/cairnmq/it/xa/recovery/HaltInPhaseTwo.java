package org.cairnmq.it.xa.recovery;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An XA resource, enlisted first, that halts the server JVM when the transaction manager tells it to
 * commit: the decision to commit is logged and Cairn's branch is prepared but not committed. It halts only
 * if the queue indeed shows nothing yet; otherwise it lets the commit go on, and the test, seeing no
 * crash, fails.
 */
final class HaltInPhaseTwo implements XAResource {
    private final ConnectionFactory cairn;
    private final String queue;

    HaltInPhaseTwo(ConnectionFactory cairn, String queue) {
        this.cairn = cairn;
        this.queue = queue;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        // Browsed from a thread of its own: this one is completing the transaction.
        boolean visible = CompletableFuture.supplyAsync(this::queueShowsMessages).orTimeout(10, TimeUnit.SECONDS).join();
        if (!onePhase && !visible) {
            Runtime.getRuntime().halt(137);
        }
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
