package org.cairnmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.engine.security.PasswordAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code createContext} on the adapter's factory without a server: a connection manager that opens a managed
 * connection per request and records when the application gives it back, and a password authenticator in
 * place of the server's security domain.
 */
class PooledContextTest {
    private static final long WAIT_MILLIS = 5_000;

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private final List<CairnManagedConnection> managed = new ArrayList<>();
    private final List<Object> givenBack = new ArrayList<>();
    private ConnectionFactory factory;
    private jakarta.jms.Connection observer;
    private Queue queue;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start("jdbc:h2:" + dir.resolve("store").toAbsolutePath());
        ConnectionManager pool = (managedFactory, info) -> {
            CairnManagedConnection connection = new CairnManagedConnection(broker.broker(), SessionRequest.identityOf(info));
            connection.addConnectionEventListener(new GivenBack());
            managed.add(connection);
            return connection.getConnection(null, info);
        };
        PasswordAuthenticator users = PasswordAuthenticator.of(Map.of("alice", "secret".toCharArray()), true);
        factory = new CairnConnectionFactory(TestPools.managedFactory(users), pool);
        observer = broker.connectionFactory().createConnection();
        observer.start();
        queue = broker.connectionFactory().createContext().createQueue("context-" + UUID.randomUUID());
    }

    @AfterEach
    void stop() throws Exception {
        observer.close();
        for (CairnManagedConnection connection : managed) {
            connection.destroy();
        }
        broker.close();
    }

    @Test
    void everyOverloadGivesAContextThatSendsAtOnceOutsideATransaction() throws Exception {
        List<JMSContext> contexts = List.of(factory.createContext(), factory.createContext(JMSContext.SESSION_TRANSACTED),
                factory.createContext("alice", "secret"),
                factory.createContext("alice", "secret", JMSContext.CLIENT_ACKNOWLEDGE));
        for (JMSContext context : contexts) {
            assertFalse(context.getTransacted(), "the session mode is ignored");
            assertEquals(JMSContext.AUTO_ACKNOWLEDGE, context.getSessionMode());
            context.createProducer().send(queue, "hello");
            assertEquals("hello", observerReceive().getBody(String.class));
            context.close();
        }
        assertEquals(4, givenBack.size(), "each close gives its session back to the pool");
    }

    @Test
    void aContextReceivesAndClosingItClosesItsConsumer() throws Exception {
        try (JMSContext sender = broker.connectionFactory().createContext()) {
            sender.createProducer().send(queue, "first");
            sender.createProducer().send(queue, "second");
        }
        JMSContext context = factory.createContext();
        assertEquals("first", context.createConsumer(queue).receiveBody(String.class, WAIT_MILLIS));
        context.close();
        assertEquals("second", observerReceive().getBody(String.class),
                "the pooled session keeps no consumer of the closed context");
    }

    @Test
    void authenticatedContextsAndConnectionsStampTheUserAndWrongPasswordsAreRefused() throws Exception {
        try (JMSContext context = factory.createContext("alice", "secret")) {
            context.createProducer().send(queue, "signed");
        }
        assertEquals("alice", observerReceive().getStringProperty("JMSXUserID"));
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(queue, "anonymous");
        }
        assertNull(observerReceive().getStringProperty("JMSXUserID"));

        int opened = managed.size();
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("alice", "wrong"));
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("mallory", "secret"));
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "wrong"));
        assertEquals(opened, managed.size(), "no session was taken from the pool for refused credentials");
    }

    @Test
    void sessionsOfDifferentIdentitiesAreNotMatchedForEachOther() throws Exception {
        CairnManagedConnectionFactory managedFactory = new CairnManagedConnectionFactory();
        CairnManagedConnection anonymous = new CairnManagedConnection(broker.broker(), SessionRequest.ANONYMOUS.identity());
        managed.add(anonymous);
        SessionRequest alice = new SessionRequest(new org.cairnmq.engine.security.Identity("alice"));
        assertNull(managedFactory.matchManagedConnections(java.util.Set.of(anonymous), null, alice));
        assertEquals(anonymous, managedFactory.matchManagedConnections(java.util.Set.of(anonymous), null, null));
    }

    @Test
    void theContainerRulesHold() throws Exception {
        JMSContext context = factory.createContext();
        assertThrows(IllegalStateRuntimeException.class, () -> context.setClientID("id"));
        assertThrows(IllegalStateRuntimeException.class, () -> context.setExceptionListener(e -> { }));
        assertThrows(IllegalStateRuntimeException.class, context::stop);
        assertThrows(IllegalStateRuntimeException.class, context::commit);
        assertThrows(IllegalStateRuntimeException.class, context::rollback);
        assertThrows(JMSRuntimeException.class, () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateRuntimeException.class, () -> context.createProducer().setAsync(new NoCompletion()));
        JMSConsumer consumer = context.createConsumer(queue);
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.setMessageListener(m -> { }));
        assertThrows(IllegalStateRuntimeException.class, consumer::getMessageListener);
        context.acknowledge();
        context.close();
        assertThrows(IllegalStateRuntimeException.class, context::acknowledge, "closed");
        assertThrows(IllegalStateRuntimeException.class, () -> context.createProducer().send(queue, "late"));
    }

    @Test
    void insideAnXaBranchTheContextIsTransactedAndItsSendsWaitForCommit() throws Exception {
        JMSContext context = factory.createContext();
        XAResource xa = managed.get(0).getXAResource();
        Xid xid = new TestXid();

        xa.start(xid, XAResource.TMNOFLAGS);
        assertTrue(context.getTransacted());
        assertEquals(JMSContext.SESSION_TRANSACTED, context.getSessionMode());
        context.createProducer().send(queue, "in the branch");
        assertThrows(TransactionInProgressRuntimeException.class, context::commit);
        assertThrows(TransactionInProgressRuntimeException.class, context::rollback);
        assertThrows(IllegalStateRuntimeException.class, context::recover);
        context.close();
        xa.end(xid, XAResource.TMSUCCESS);
        assertNull(observerReceive(300), "not visible before commit");
        xa.prepare(xid);
        xa.commit(xid, false);
        assertEquals("in the branch", observerReceive().getBody(String.class));
    }

    private Message observerReceive() throws JMSException {
        return observerReceive(WAIT_MILLIS);
    }

    private Message observerReceive(long millis) throws JMSException {
        try (Session session = observer.createSession(); MessageConsumer consumer = session.createConsumer(queue)) {
            return consumer.receive(millis);
        }
    }

    private final class GivenBack implements ConnectionEventListener {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            givenBack.add(event.getConnectionHandle());
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
        }
    }

    private static final class NoCompletion implements jakarta.jms.CompletionListener {
        @Override
        public void onCompletion(Message message) {
        }

        @Override
        public void onException(Message message, Exception exception) {
        }
    }

    private static final class TestXid implements Xid {
        private final byte[] id = UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);

        @Override
        public int getFormatId() {
            return 4242;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return id;
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }
}
