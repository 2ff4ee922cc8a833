package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import java.util.UUID;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code XAJMSContext}: the simplified API in branches that a transaction manager drives through its XAResource. */
class XaContextTest {
    private EmbeddedBroker broker;
    private XAConnectionFactory factory;
    /** An ordinary context that looks at the queues from outside every branch. */
    private JMSContext outside;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start(memoryUrl());
        factory = broker.xaConnectionFactory();
        outside = broker.connectionFactory().createContext();
    }

    @AfterEach
    void stop() {
        outside.close();
        broker.close();
    }

    private static String memoryUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /**
     * Sends a marker from outside and takes the queue's next message: the marker itself when nothing else
     * is deliverable in the queue, since messages of one priority come out in the order they arrived.
     */
    private String nextAfterMarker(String queue) {
        outside.createProducer().send(outside.createQueue(queue), "marker");
        try (JMSConsumer consumer = outside.createConsumer(outside.createQueue(queue))) {
            String next = consumer.receiveBody(String.class, 5_000);
            if (!"marker".equals(next)) {
                consumer.receiveBody(String.class, 5_000);
            }
            return next;
        }
    }

    /** Sends one message in a new branch of the context and ends the branch, leaving the rest to the test. */
    private static XAResource sendInBranch(XAJMSContext context, Xid xid, String queue, String text)
            throws XAException {
        XAResource resource = context.getXAResource();
        resource.start(xid, XAResource.TMNOFLAGS);
        context.createProducer().send(context.createQueue(queue), text);
        resource.end(xid, XAResource.TMSUCCESS);
        return resource;
    }

    @Test
    void aSendUnderABranchIsInvisibleUntilCommit() throws Exception {
        try (XAJMSContext context = factory.createXAContext()) {
            Xid xid = TestXid.of("context-commit");
            XAResource resource = sendInBranch(context, xid, "ctx-out", "committed");
            assertEquals("marker", nextAfterMarker("ctx-out"), "visible before prepare");
            assertEquals(XAResource.XA_OK, resource.prepare(xid));
            assertEquals("marker", nextAfterMarker("ctx-out"), "visible before commit");

            resource.commit(xid, false);

            try (JMSConsumer consumer = outside.createConsumer(outside.createQueue("ctx-out"))) {
                assertEquals("committed", consumer.receiveBody(String.class, 5_000));
            }
        }
    }

    @Test
    void rollbackDiscardsTheBranchsSends() throws Exception {
        try (XAJMSContext context = factory.createXAContext()) {
            Xid xid = TestXid.of("context-rollback");
            XAResource resource = sendInBranch(context, xid, "ctx-dropped", "dropped");
            resource.prepare(xid);

            resource.rollback(xid);

            assertEquals("marker", nextAfterMarker("ctx-dropped"));
        }
    }

    @Test
    void whatABranchConsumedComesBackRedeliveredWhenItRollsBack() throws Exception {
        outside.createProducer().send(outside.createQueue("ctx-in"), "consumed twice");
        try (XAJMSContext context = factory.createXAContext()) {
            XAResource resource = context.getXAResource();
            JMSConsumer consumer = context.createConsumer(context.createQueue("ctx-in"));
            Xid first = TestXid.of("context-consume-rollback");
            resource.start(first, XAResource.TMNOFLAGS);
            Message consumed = consumer.receive(5_000);
            assertFalse(consumed.getJMSRedelivered());
            context.acknowledge(); // no effect: the branch decides
            resource.end(first, XAResource.TMSUCCESS);
            resource.prepare(first);
            resource.rollback(first);

            Xid second = TestXid.of("context-consume-commit");
            resource.start(second, XAResource.TMNOFLAGS);
            Message again = consumer.receive(5_000);
            resource.end(second, XAResource.TMSUCCESS);
            resource.commit(second, true);

            assertEquals("consumed twice", ((TextMessage) again).getText());
            assertTrue(again.getJMSRedelivered());
            assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        }
        assertEquals("marker", nextAfterMarker("ctx-in"), "the committed branch consumed it for good");
    }

    @Test
    void commitAndRollbackBelongToTheTransactionManager() throws Exception {
        try (XAJMSContext context = factory.createXAContext();
                XAConnection connection = factory.createXAConnection()) {
            assertTrue(context.getTransacted());
            assertEquals(JMSContext.SESSION_TRANSACTED, context.getSessionMode());
            assertThrows(TransactionInProgressRuntimeException.class, context::commit);
            assertThrows(TransactionInProgressRuntimeException.class, context::rollback);
            assertThrows(IllegalStateRuntimeException.class, context::recover);
            assertSame(context, context.getContext());
            XAResource ofSession = connection.createXASession().getXAResource();
            assertTrue(context.getXAResource().isSameRM(ofSession));
        }
    }

    @Test
    void outsideABranchTheContextAcknowledgesWhatItReceives() {
        outside.createProducer().send(outside.createQueue("ctx-plain"), "no branch");
        try (XAJMSContext context = factory.createXAContext()) {
            JMSContext plain = context.getContext();
            assertEquals("no branch",
                    plain.createConsumer(plain.createQueue("ctx-plain")).receiveBody(String.class, 5_000));
        }
        assertEquals("marker", nextAfterMarker("ctx-plain"), "acknowledged when received");
    }

    @Test
    void contextsMadeFromAnXaContextAreOrdinary() {
        try (XAJMSContext context = factory.createXAContext();
                JMSContext shared = context.createContext(JMSContext.SESSION_TRANSACTED)) {
            assertFalse(shared instanceof XAJMSContext);
            shared.createProducer().send(shared.createQueue("ctx-shared"), "local transaction");
            shared.commit();
        }
        try (JMSConsumer consumer = outside.createConsumer(outside.createQueue("ctx-shared"))) {
            assertEquals("local transaction", consumer.receiveBody(String.class, 5_000));
        }
    }

    @Test
    void createXAContextChecksCredentials() {
        try (EmbeddedBroker secured = EmbeddedBroker.builder().jdbcUrl(memoryUrl()).user("alice", "secret").start()) {
            XAConnectionFactory xa = secured.xaConnectionFactory();
            assertThrows(JMSSecurityRuntimeException.class, () -> xa.createXAContext("alice", "wrong"));
            assertThrows(JMSSecurityRuntimeException.class, xa::createXAContext);
            try (XAJMSContext context = xa.createXAContext("alice", "secret")) {
                assertInstanceOf(XAResource.class, context.getXAResource());
            }
        }
    }
}
