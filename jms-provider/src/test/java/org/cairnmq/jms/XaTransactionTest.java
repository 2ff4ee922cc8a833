package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.file.Path;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker as an XA resource manager, driven by hand as a transaction manager would. */
class XaTransactionTest {
    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private XAConnection connection;

    @BeforeEach
    void start() throws JMSException {
        open();
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private void open() throws JMSException {
        broker = EmbeddedBroker.start("jdbc:h2:" + dir.resolve("store").toAbsolutePath());
        connection = broker.xaConnectionFactory().createXAConnection();
        connection.start();
    }

    private void restart() throws JMSException {
        stop();
        open();
    }

    private void sendPlain(String queue, String text) throws JMSException {
        Session s = connection.createSession();
        s.createProducer(s.createQueue(queue)).send(s.createTextMessage(text));
        s.close();
    }

    private String receivePlain(String queue, long timeout) throws JMSException {
        Session s = connection.createSession();
        TextMessage m = (TextMessage) s.createConsumer(s.createQueue(queue)).receive(timeout);
        s.close();
        return m == null ? null : m.getText();
    }

    @Test
    void anXaSessionIsTransactedButLeavesCommitToItsXaResource() throws JMSException {
        XASession session = connection.createXASession();
        assertTrue(session.getTransacted());
        assertEquals(Session.SESSION_TRANSACTED, session.getAcknowledgeMode());
        assertThrows(TransactionInProgressException.class, session::commit);
        assertThrows(TransactionInProgressException.class, session::rollback);
        assertThrows(jakarta.jms.IllegalStateException.class, session::recover);
        assertSame(session, session.getSession());
    }

    @Test
    void outsideABranchAnXaSessionAcknowledgesWhatItReceives() throws JMSException {
        sendPlain("xa-none", "no branch");
        XASession session = connection.createXASession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("xa-none"));
        assertEquals("no branch", ((TextMessage) consumer.receive(5_000)).getText());
        session.close();
        assertNull(receivePlain("xa-none", 100), "acknowledged when received");
    }

    @Test
    void twoPhaseCommitMakesSendsVisibleAndAcknowledgementsFinal() throws Exception {
        sendPlain("xa-in", "to consume");
        XASession session = connection.createXASession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.of("two-phase");

        resource.start(xid, XAResource.TMNOFLAGS);
        Message consumed = session.createConsumer(session.createQueue("xa-in")).receive(5_000);
        session.createProducer(session.createQueue("xa-out")).send(session.createTextMessage("produced"));
        resource.end(xid, XAResource.TMSUCCESS);
        assertNotNull(consumed);
        assertNull(receivePlain("xa-out", 100), "visible before commit");

        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        resource.commit(xid, false);

        assertEquals("produced", receivePlain("xa-out", 5_000));
        assertNull(receivePlain("xa-in", 100), "the consumed message came back");
    }

    @Test
    void rollbackDropsSendsAndRedeliversWhatWasConsumed() throws Exception {
        sendPlain("xa-rb-in", "again");
        XASession session = connection.createXASession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.of("rollback");

        resource.start(xid, XAResource.TMNOFLAGS);
        assertNotNull(session.createConsumer(session.createQueue("xa-rb-in")).receive(5_000));
        session.createProducer(session.createQueue("xa-rb-out")).send(session.createTextMessage("dropped"));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.prepare(xid);
        resource.rollback(xid);

        assertNull(receivePlain("xa-rb-out", 100));
        assertEquals("again", receivePlain("xa-rb-in", 5_000));
    }

    @Test
    void branchPastItsTimeoutIsRolledBackByTheBroker() throws Exception {
        sendPlain("xa-to-in", "held");
        XASession session = connection.createXASession();
        XAResource resource = session.getXAResource();
        assertTrue(resource.setTransactionTimeout(1));
        Xid xid = TestXid.of("timeout");

        resource.start(xid, XAResource.TMNOFLAGS);
        assertNotNull(session.createConsumer(session.createQueue("xa-to-in")).receive(5_000));
        session.createProducer(session.createQueue("xa-to-out")).send(session.createTextMessage("never"));
        resource.end(xid, XAResource.TMSUCCESS);

        // Back in its queue once the second has run out, with no call from the transaction manager.
        assertEquals("held", receivePlain("xa-to-in", 10_000));
        XAException late = assertThrows(XAException.class, () -> resource.prepare(xid));
        assertEquals(XAException.XA_RBTIMEOUT, late.errorCode);
        assertNull(receivePlain("xa-to-out", 100));
        XAException gone = assertThrows(XAException.class, () -> resource.commit(xid, false));
        assertEquals(XAException.XAER_NOTA, gone.errorCode);
    }

    @Test
    void onePhaseCommitAndReadOnlyBranches() throws Exception {
        XASession session = connection.createXASession();
        XAResource resource = session.getXAResource();
        Xid onePhase = TestXid.of("one-phase");
        resource.start(onePhase, XAResource.TMNOFLAGS);
        session.createProducer(session.createQueue("xa-1pc")).send(session.createTextMessage("one"));
        resource.end(onePhase, XAResource.TMSUCCESS);
        resource.commit(onePhase, true);
        assertEquals("one", receivePlain("xa-1pc", 5_000));

        Xid readOnly = TestXid.of("read-only");
        resource.start(readOnly, XAResource.TMNOFLAGS);
        resource.end(readOnly, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_RDONLY, resource.prepare(readOnly));
    }

    @Test
    void protocolErrorsCarryTheirXaCodes() throws Exception {
        XAResource resource = connection.createXASession().getXAResource();
        Xid xid = TestXid.of("codes");
        assertEquals(XAException.XAER_NOTA, assertThrows(XAException.class, () -> resource.commit(xid, false)).errorCode);
        resource.start(xid, XAResource.TMNOFLAGS);
        XAResource other = connection.createXASession().getXAResource();
        assertEquals(XAException.XAER_DUPID,
                assertThrows(XAException.class, () -> other.start(xid, XAResource.TMNOFLAGS)).errorCode);
        assertEquals(XAException.XAER_PROTO, assertThrows(XAException.class, () -> resource.prepare(xid)).errorCode);
        resource.end(xid, XAResource.TMFAIL);
        assertEquals(XAException.XA_RBROLLBACK, assertThrows(XAException.class, () -> resource.prepare(xid)).errorCode);
        assertTrue(resource.isSameRM(other));
    }

    @Test
    void preparedBranchIsRecoveredAfterRestartAndCanBeCommitted() throws Exception {
        sendPlain("rec-in", "held by the branch");
        XASession session = connection.createXASession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.of("recover-commit");
        resource.start(xid, XAResource.TMNOFLAGS);
        session.createConsumer(session.createQueue("rec-in")).receive(5_000);
        session.createProducer(session.createQueue("rec-out")).send(session.createTextMessage("after recovery"));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.prepare(xid);

        restart();
        XAResource recovered = connection.createXASession().getXAResource();
        Xid[] inDoubt = recovered.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        assertEquals(1, inDoubt.length);
        assertArrayEquals(xid.getGlobalTransactionId(), inDoubt[0].getGlobalTransactionId());
        assertNull(receivePlain("rec-in", 100), "a message the prepared branch consumed is held");
        assertNull(receivePlain("rec-out", 100), "a prepared send is invisible");

        recovered.commit(inDoubt[0], false);

        assertEquals("after recovery", receivePlain("rec-out", 5_000));
        assertNull(receivePlain("rec-in", 100));
        assertEquals(0, recovered.recover(XAResource.TMSTARTRSCAN).length);
    }

    @Test
    void preparedBranchRolledBackAfterRestartGivesBackWhatItConsumed() throws Exception {
        sendPlain("rec-rb-in", "comes back");
        XASession session = connection.createXASession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.of("recover-rollback");
        resource.start(xid, XAResource.TMNOFLAGS);
        session.createConsumer(session.createQueue("rec-rb-in")).receive(5_000);
        session.createProducer(session.createQueue("rec-rb-out")).send(session.createTextMessage("never"));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.prepare(xid);

        restart();
        XAResource recovered = connection.createXASession().getXAResource();
        recovered.rollback(recovered.recover(XAResource.TMSTARTRSCAN)[0]);

        assertEquals("comes back", receivePlain("rec-rb-in", 5_000));
        assertNull(receivePlain("rec-rb-out", 100));
    }
}
