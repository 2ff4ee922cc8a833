package org.cairnmq.it.xa.recovery;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.Xid;
import org.cairnmq.it.support.PassiveXaResource;

/**
 * An XA resource, enlisted first, that halts the server JVM when the transaction manager tells it to
 * commit: the decision to commit is logged and Cairn's branch is prepared but not committed. It halts only
 * if the queue indeed shows nothing yet; otherwise it lets the commit go on, and the test, seeing no
 * crash, fails.
 */
final class HaltInPhaseTwo extends PassiveXaResource {
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
}
