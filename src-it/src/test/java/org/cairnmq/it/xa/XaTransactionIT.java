package org.cairnmq.it.xa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import java.sql.PreparedStatement;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.xa.OrderDesk.Ending;
import org.cairnmq.it.xa.OrderDesk.RulesSeen;
import org.cairnmq.it.xa.OrderDesk.Taken;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cairn and the application's own XA data source in one JTA transaction, in WildFly: both commit or
 * neither does, and a message received in a transaction that rolls back comes back.
 *
 * <p>That a message is absent is checked without waiting for nothing: a marker is sent after it outside
 * any transaction, and the marker must be the first message the queue gives (same priority, so arrival
 * order).
 */
@ExtendWith(ArquillianExtension.class)
class XaTransactionIT {
    private static final String FACTORY = "java:/jms/cairn/ConnectionFactory";

    @Inject
    OrderDesk desk;

    private String queue;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2)
    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "xa-app.war")
                .addClasses(OrderDesk.class, Ending.class, Taken.class, RulesSeen.class, CommitOrderProbe.class, org.cairnmq.it.support.PassiveXaResource.class)
                .addAsWebInfResource(XaTransactionIT.class.getResource("/xa/orders-ds.xml"), "orders-ds.xml");
    }

    @BeforeEach
    void newQueue() throws Exception {
        queue = "xa-" + UUID.randomUUID();
        desk.createTable();
    }

    @Test
    @OperateOnDeployment("app")
    void commitMakesTheRowAndTheMessageVisible() throws Exception {
        String id = "order-" + UUID.randomUUID();
        desk.placeOrder(queue, id, Ending.COMMIT);

        assertTrue(desk.rowExists(id), "row committed");
        assertEquals(id, receiveOutsideTransaction(), "message committed");
    }

    @Test
    @OperateOnDeployment("app")
    void setRollbackOnlyMakesNeitherVisible() throws Exception {
        String id = "order-" + UUID.randomUUID();
        desk.placeOrder(queue, id, Ending.SET_ROLLBACK_ONLY);

        assertFalse(desk.rowExists(id), "row rolled back");
        assertQueueHoldsOnlyWhatComesNext();
    }

    @Test
    @OperateOnDeployment("app")
    void anExceptionMakesNeitherVisible() throws Exception {
        String id = "order-" + UUID.randomUUID();
        assertThrows(EJBException.class, () -> desk.placeOrder(queue, id, Ending.THROW));

        assertFalse(desk.rowExists(id), "row rolled back");
        assertQueueHoldsOnlyWhatComesNext();
    }

    @Test
    @OperateOnDeployment("app")
    void aUserTransactionDecidesForBoth() throws Exception {
        UserTransaction transaction = (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
        DataSource orders = (DataSource) new InitialContext().lookup("java:jboss/datasources/XaOrdersDS");
        String rolledBack = "order-" + UUID.randomUUID();
        String committed = "order-" + UUID.randomUUID();

        transaction.begin();
        insertAndSend(orders, rolledBack);
        transaction.rollback();
        transaction.begin();
        insertAndSend(orders, committed);
        transaction.commit();

        assertFalse(desk.rowExists(rolledBack));
        assertTrue(desk.rowExists(committed));
        assertEquals(committed, receiveOutsideTransaction(), "only the committed message, first in line");
    }

    @Test
    @OperateOnDeployment("app")
    void cairnTakesPartInTwoPhaseCommit() throws Exception {
        InitialContext jndi = new InitialContext();
        UserTransaction transaction = (UserTransaction) jndi.lookup("java:comp/UserTransaction");
        TransactionManager manager = (TransactionManager) jndi.lookup("java:/TransactionManager");
        DataSource orders = (DataSource) jndi.lookup("java:jboss/datasources/XaOrdersDS");
        CommitOrderProbe probe = new CommitOrderProbe((ConnectionFactory) jndi.lookup(FACTORY), queue);
        String id = "order-" + UUID.randomUUID();

        transaction.begin();
        manager.getTransaction().enlistResource(probe);
        insertAndSend(orders, id);
        transaction.commit();

        assertTrue(probe.prepared(), "two-phase commit");
        assertEquals(Boolean.FALSE, probe.queueShowedMessagesAtCommit(),
                "when the first resource is told to commit, Cairn's branch is only prepared");
        assertTrue(desk.rowExists(id));
        assertEquals(id, receiveOutsideTransaction());
    }

    @Test
    @OperateOnDeployment("app")
    void aMessageReceivedInARolledBackTransactionComesBackAndInACommittedOneIsGone() throws Exception {
        String id = "order-" + UUID.randomUUID();
        sendOutsideTransaction(id);

        Taken first = desk.takeOrder(queue, Ending.SET_ROLLBACK_ONLY);
        assertNotNull(first, "delivered");
        assertEquals(id, first.text());
        assertFalse(first.redelivered());
        assertFalse(desk.rowExists(id + "/taken"));

        Taken second = desk.takeOrder(queue, Ending.COMMIT);
        assertNotNull(second, "delivered again after the rollback");
        assertEquals(id, second.text());
        assertTrue(second.redelivered(), "JMSRedelivered");
        assertTrue(desk.rowExists(id + "/taken"));

        assertQueueHoldsOnlyWhatComesNext();
    }

    @Test
    @OperateOnDeployment("app")
    void outsideATransactionASendGoesOutAtOnce() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup(FACTORY);
        String text = "at once " + UUID.randomUUID();
        try (Connection sender = factory.createConnection(); Connection receiver = factory.createConnection()) {
            Session sending = sender.createSession(true, Session.SESSION_TRANSACTED);
            assertFalse(sending.getTransacted(), "outside a transaction the arguments are ignored");
            sending.createProducer(sending.createQueue(queue)).send(sending.createTextMessage(text));
            assertThrows(IllegalStateException.class, sending::commit);

            // The sending session is still open: nothing waits for a commit.
            Session receiving = receiver.createSession();
            Message got = receiving.createConsumer(receiving.createQueue(queue)).receive(OrderDesk.RECEIVE_MILLIS);
            assertNotNull(got);
            assertEquals(text, ((TextMessage) got).getText());
        }
    }

    @Test
    @OperateOnDeployment("app")
    void insideATransactionTheSessionBelongsToIt() throws Exception {
        RulesSeen seen = desk.sessionRulesInsideTransaction();
        assertTrue(seen.transacted());
        assertEquals(Session.SESSION_TRANSACTED, seen.acknowledgeMode());
        assertEquals(TransactionInProgressException.class.getName(), seen.commit());
        assertEquals(TransactionInProgressException.class.getName(), seen.rollback());
    }

    @Test
    @OperateOnDeployment("app")
    void theCallsTheContainerForbidsThrow() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup(FACTORY);
        try (Connection connection = factory.createConnection()) {
            assertThrows(IllegalStateException.class, () -> connection.setClientID("mine"));
            assertThrows(IllegalStateException.class, () -> connection.setExceptionListener(e -> { }));
            assertThrows(IllegalStateException.class, connection::stop);
            Session session = connection.createSession();
            assertThrows(IllegalStateException.class, () -> session.setMessageListener(m -> { }));
            assertThrows(IllegalStateException.class,
                    () -> session.createConsumer(session.createQueue(queue)).setMessageListener(m -> { }));
            assertThrows(IllegalStateException.class, connection::createSession, "one session per connection");
        }
    }

    private void insertAndSend(DataSource orders, String id) throws Exception {
        try (java.sql.Connection db = orders.getConnection();
                PreparedStatement insert = db.prepareStatement("INSERT INTO orders (id, origin) VALUES (?, 'user')")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
        ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup(FACTORY);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(id));
        }
    }

    /** Sends a marker outside any transaction and checks it is the first message the queue gives. */
    private void assertQueueHoldsOnlyWhatComesNext() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        sendOutsideTransaction(marker);
        assertEquals(marker, receiveOutsideTransaction(), "nothing before the marker");
    }

    private void sendOutsideTransaction(String text) throws Exception {
        ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup(FACTORY);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
        }
    }

    private String receiveOutsideTransaction() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup(FACTORY);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Message message = session.createConsumer(session.createQueue(queue)).receive(OrderDesk.RECEIVE_MILLIS);
            assertNotNull(message, "no message within " + OrderDesk.RECEIVE_MILLIS + " ms");
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new AssertionError("receive failed", e);
        }
    }
}
