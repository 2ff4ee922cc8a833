package org.cairnmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.cairnmq.engine.security.Identity;
import org.cairnmq.jms.JmsConnectionFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's XA resource for the server's recovery manager ({@code getXAResources}), on an adapter
 * started as the server starts it: a bootstrap context whose work manager runs work on threads of the
 * test, and JNDI that knows the store's data source.
 */
class RecoveryResourceTest {
    private static final String DATA_SOURCE = "java:test/CairnDS";

    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private CairnResourceAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("store").toAbsolutePath());
        TestJndi.install();
        TestJndi.bind(DATA_SOURCE, h2);
        adapter = new CairnResourceAdapter();
        adapter.setDataSourceJndiName(DATA_SOURCE);
        adapter.start(FakeBootstrapContext.on(threads));
        adapter.broker();
    }

    @AfterEach
    void stop() {
        adapter.stop();
        threads.shutdownNow();
        TestJndi.uninstall();
    }

    @Test
    void itRecoversAndCompletesBranchesOtherSessionsPrepared() throws Exception {
        String queue = "recovered-" + UUID.randomUUID();
        Xid committed = prepareASend(queue, "committed");
        Xid rolledBack = prepareASend(queue, "rolled back");

        XAResource[] resources = adapter.getXAResources(null);
        assertEquals(1, resources.length);
        XAResource recovery = resources[0];
        assertSame(recovery, adapter.getXAResources(null)[0], "one recovery session for every scan");

        Xid[] prepared = recovery.recover(XAResource.TMSTARTRSCAN);
        assertEquals(2, prepared.length);
        assertEquals(0, recovery.recover(XAResource.TMENDRSCAN).length);
        recovery.commit(committed, false);
        recovery.rollback(rolledBack);
        assertEquals(0, recovery.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length);

        try (Connection connection = new JmsConnectionFactory(adapter.broker()).createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Message got = session.createConsumer(session.createQueue(queue)).receive(5_000);
            assertNotNull(got);
            assertEquals("committed", ((TextMessage) got).getText());
            assertNull(session.createConsumer(session.createQueue(queue)).receive(300), "the rolled back one");
        }
    }

    @Test
    void anXidItDoesNotKnowIsReportedAsSuch() throws Exception {
        XAResource recovery = adapter.getXAResources(null)[0];
        XAException unknown = assertThrows(XAException.class, () -> recovery.commit(xid("unknown"), false));
        assertEquals(XAException.XAER_NOTA, unknown.errorCode);
        assertTrue(recovery.isSameRM(new CairnManagedConnection(adapter.broker(), Identity.ANONYMOUS).getXAResource()));
    }

    private Xid prepareASend(String queue, String text) throws Exception {
        CairnManagedConnection pooled = new CairnManagedConnection(adapter.broker(), Identity.ANONYMOUS);
        Session session = (Session) pooled.getConnection(null, null);
        XAResource xa = pooled.getXAResource();
        Xid xid = xid(text);
        xa.start(xid, XAResource.TMNOFLAGS);
        session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
        xa.end(xid, XAResource.TMSUCCESS);
        xa.prepare(xid);
        session.close();
        pooled.destroy();
        return xid;
    }

    private static Xid xid(String name) {
        byte[] global = (name + "-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        return new TestXid(0x4341, global, new byte[] {2});
    }

    private record TestXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
    }
}
