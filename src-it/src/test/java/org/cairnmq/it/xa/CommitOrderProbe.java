package org.cairnmq.it.xa;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.Xid;
import org.cairnmq.it.support.PassiveXaResource;

/**
 * An XA resource that does nothing but look, when the transaction manager tells it to commit, whether a
 * queue already shows messages. Enlisted first, it is committed first in phase two, so a message sent in
 * the same transaction is still invisible then if Cairn took part in two-phase commit; a resource-local
 * (last resource) Cairn would have committed it during phase one.
 */
final class CommitOrderProbe extends PassiveXaResource {
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
}
