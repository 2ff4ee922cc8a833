package org.cairnmq.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.LocalTransaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.engine.security.Authenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's pooled sessions without a server: a connection manager that hands out a new managed
 * connection per session, and the XA calls a transaction manager would make, by hand.
 */
class PooledSessionTest {
    private static final long WAIT_MILLIS = 5_000;
    /** How long a message that must not arrive is waited for. */
    private static final long ABSENCE_MILLIS = 300;

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private final List<CairnManagedConnection> managed = new ArrayList<>();
    private Connection application;
    private Connection observer;
    private Queue queue;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start("jdbc:h2:" + dir.resolve("store").toAbsolutePath());
        ConnectionManager pool = (factory, info) -> {
            CairnManagedConnection connection = new CairnManagedConnection(broker.broker(), SessionRequest.identityOf(info));
            managed.add(connection);
            return connection.getConnection(null, info);
        };
        application = new CairnConnectionFactory(TestPools.managedFactory(Authenticator.allowAll()), pool).createConnection();
        observer = broker.connectionFactory().createConnection();
        observer.start();
        queue = new CairnQueue();
        ((CairnQueue) queue).setName("pooled-" + UUID.randomUUID());
    }

    @AfterEach
    void stop() throws Exception {
        application.close();
        observer.close();
        for (CairnManagedConnection connection : managed) {
            connection.destroy();
        }
        broker.close();
    }

    @Test
    void outsideATransactionTheSessionIsAutoAcknowledgingWhateverItWasAskedFor() throws Exception {
        Session session = application.createSession(true, Session.SESSION_TRANSACTED);
        assertFalse(session.getTransacted());
        assertEquals(Session.AUTO_ACKNOWLEDGE, session.getAcknowledgeMode());

        session.createProducer(queue).send(session.createTextMessage("at once"));
        assertEquals("at once", text(observerReceive()), "sent before the session is closed");

        assertThrows(IllegalStateException.class, session::commit);
        assertThrows(IllegalStateException.class, session::rollback);
        assertFalse(session.getTransacted(), "commit did not start anything");
    }

    @Test
    void aMessageReceivedOutsideATransactionIsGone() throws Exception {
        send("once");
        Session session = application.createSession();
        assertEquals("once", text(session.createConsumer(queue).receive(WAIT_MILLIS)));
        session.close();
        assertNull(observerReceive(ABSENCE_MILLIS));
    }

    @Test
    void insideAnXaBranchSendsWaitForTheTwoPhaseCommit() throws Exception {
        Session session = application.createSession(false, Session.AUTO_ACKNOWLEDGE);
        XAResource xa = onlyManagedConnection().getXAResource();
        Xid xid = xid("commit");

        xa.start(xid, XAResource.TMNOFLAGS);
        assertTrue(session.getTransacted());
        assertEquals(Session.SESSION_TRANSACTED, session.getAcknowledgeMode());
        session.createProducer(queue).send(session.createTextMessage("in the branch"));
        assertThrows(TransactionInProgressException.class, session::commit);
        assertThrows(TransactionInProgressException.class, session::rollback);
        assertThrows(IllegalStateException.class, session::recover);
        xa.end(xid, XAResource.TMSUCCESS);

        assertFalse(session.getTransacted(), "after end the session is on its own again");
        assertNull(observerReceive(ABSENCE_MILLIS), "not visible before commit");
        assertEquals(XAResource.XA_OK, xa.prepare(xid));
        assertNull(observerReceive(ABSENCE_MILLIS), "not visible when prepared");
        xa.commit(xid, false);
        assertEquals("in the branch", text(observerReceive()));
    }

    @Test
    void aMessageReceivedInABranchThatRollsBackIsRedelivered() throws Exception {
        send("again");
        Session session = application.createSession();
        XAResource xa = onlyManagedConnection().getXAResource();
        Xid xid = xid("rollback");

        xa.start(xid, XAResource.TMNOFLAGS);
        Message first = session.createConsumer(queue).receive(WAIT_MILLIS);
        assertEquals("again", text(first));
        assertFalse(first.getJMSRedelivered());
        xa.end(xid, XAResource.TMSUCCESS);
        xa.rollback(xid);

        Message second = observerReceive();
        assertEquals("again", text(second));
        assertTrue(second.getJMSRedelivered());
    }

    @Test
    void aMessageReceivedInABranchThatCommitsIsGone() throws Exception {
        send("consumed");
        Session session = application.createSession();
        XAResource xa = onlyManagedConnection().getXAResource();
        Xid xid = xid("consume");

        xa.start(xid, XAResource.TMNOFLAGS);
        assertEquals("consumed", text(session.createConsumer(queue).receive(WAIT_MILLIS)));
        xa.end(xid, XAResource.TMSUCCESS);
        xa.commit(xid, true);

        assertNull(observerReceive(ABSENCE_MILLIS));
    }

    @Test
    void anotherResourceOfTheBrokerRecoversAndCommitsABranchItDidNotStart() throws Exception {
        Session session = application.createSession();
        XAResource started = onlyManagedConnection().getXAResource();
        Xid xid = xid("recovered");
        started.start(xid, XAResource.TMNOFLAGS);
        session.createProducer(queue).send(session.createTextMessage("recovered"));
        started.end(xid, XAResource.TMSUCCESS);
        started.prepare(xid);

        XAResource recovery = new CairnManagedConnection(broker.broker(), org.cairnmq.engine.security.Identity.ANONYMOUS).getXAResource();
        assertTrue(recovery.isSameRM(started));
        Xid[] prepared = recovery.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        assertEquals(1, prepared.length);
        assertArrayEquals(xid.getGlobalTransactionId(), prepared[0].getGlobalTransactionId());
        recovery.commit(prepared[0], false);

        assertEquals("recovered", text(observerReceive()));
        assertEquals(0, recovery.recover(XAResource.TMSTARTRSCAN).length);
    }

    @Test
    void theLocalTransactionAlsoMakesTheSessionTransacted() throws Exception {
        Session session = application.createSession();
        LocalTransaction local = onlyManagedConnection().getLocalTransaction();
        local.begin();
        assertTrue(session.getTransacted());
        session.createProducer(queue).send(session.createTextMessage("local"));
        assertThrows(TransactionInProgressException.class, session::commit);
        assertNull(observerReceive(ABSENCE_MILLIS));
        local.commit();
        assertFalse(session.getTransacted());
        assertEquals("local", text(observerReceive()));
    }

    @Test
    void theCallsTheContainerForbidsThrow() throws Exception {
        Session session = application.createSession();
        assertThrows(IllegalStateException.class, () -> application.setClientID("mine"));
        assertThrows(IllegalStateException.class, () -> application.setExceptionListener(e -> { }));
        assertNull(application.getExceptionListener());
        assertThrows(IllegalStateException.class, application::stop);
        assertThrows(IllegalStateException.class, () -> application.createConnectionConsumer(queue, null, null, 1));
        assertThrows(IllegalStateException.class,
                () -> application.createSharedConnectionConsumer(null, "s", null, null, 1));
        assertThrows(IllegalStateException.class,
                () -> application.createDurableConnectionConsumer(null, "d", null, null, 1));
        assertThrows(IllegalStateException.class,
                () -> application.createSharedDurableConnectionConsumer(null, "sd", null, null, 1));
        assertThrows(IllegalStateException.class, () -> session.setMessageListener(m -> { }));
        assertThrows(IllegalStateException.class, session::getMessageListener);
        assertThrows(IllegalStateRuntimeException.class, session::run);

        MessageConsumer consumer = session.createConsumer(queue);
        assertThrows(IllegalStateException.class, () -> consumer.setMessageListener(m -> { }));
        assertThrows(IllegalStateException.class, consumer::getMessageListener);

        MessageProducer producer = session.createProducer(queue);
        Message message = session.createTextMessage("async");
        assertThrows(IllegalStateException.class, () -> producer.send(message, new IgnoringCompletion()));
        assertThrows(IllegalStateException.class, () -> producer.send(queue, message, new IgnoringCompletion()));
    }

    @Test
    void aConnectionHasOneActiveSessionAtATime() throws Exception {
        Session first = application.createSession();
        assertThrows(IllegalStateException.class, application::createSession);
        first.close();
        Session second = application.createSession();
        assertNotNull(second);
        assertThrows(IllegalStateException.class, first::createTextMessage, "a closed handle stays closed");
    }

    @Test
    void closingTheConnectionClosesItsSessionAndReturnsItToThePool() throws Exception {
        Session session = application.createSession();
        application.close();
        assertThrows(IllegalStateException.class, session::createTextMessage);
        assertThrows(IllegalStateException.class, application::createSession);
    }

    private CairnManagedConnection onlyManagedConnection() {
        assertEquals(1, managed.size());
        return managed.get(0);
    }

    private void send(String text) throws JMSException {
        Session session = observer.createSession();
        session.createProducer(queue).send(session.createTextMessage(text));
        session.close();
    }

    private Message observerReceive() throws JMSException {
        return observerReceive(WAIT_MILLIS);
    }

    private Message observerReceive(long timeoutMillis) throws JMSException {
        Session session = observer.createSession();
        try {
            return session.createConsumer(queue).receive(timeoutMillis);
        } finally {
            session.close();
        }
    }

    private static String text(Message message) throws JMSException {
        assertNotNull(message, "no message within " + WAIT_MILLIS + " ms");
        return assertInstanceOf(TextMessage.class, message).getText();
    }

    private static Xid xid(String name) {
        byte[] global = (name + "-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        return new TestXid(0x4341, global, new byte[] {1});
    }

    private record TestXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
    }

    private static final class IgnoringCompletion implements jakarta.jms.CompletionListener {
        @Override
        public void onCompletion(Message message) {
        }

        @Override
        public void onException(Message message, Exception exception) {
        }
    }
}
