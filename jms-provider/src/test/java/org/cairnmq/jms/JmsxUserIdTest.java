package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMSXUserID: every message sent through an authenticated connection carries the user's name, set by Cairn
 * on send so that no application can forge it; an anonymous connection's messages carry none.
 */
class JmsxUserIdTest {
    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private ConnectionFactory factory;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.builder().jdbcUrl("jdbc:h2:" + dir.resolve("store").toAbsolutePath())
                .user("alice", "secret").user("bob", "hunter2").allowAnonymous(true).start();
        factory = broker.connectionFactory();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** Sends a message that claims to come from mallory, through the given connection. */
    private static void sendForged(Connection connection, String queue, int deliveryMode) throws JMSException {
        Session session = connection.createSession();
        Message message = session.createTextMessage("from " + queue);
        message.setStringProperty("JMSXUserID", "mallory");
        session.createProducer(session.createQueue(queue)).send(message, deliveryMode, 4, 0);
        session.close();
    }

    private Message receive(String queue) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            return session.createConsumer(session.createQueue(queue)).receive(5_000);
        }
    }

    @Test
    void anAuthenticatedConnectionsMessagesCarryItsUserInsteadOfTheApplicationsValue() throws JMSException {
        try (Connection alice = factory.createConnection("alice", "secret")) {
            sendForged(alice, "from-alice", DeliveryMode.NON_PERSISTENT);
        }
        Message received = receive("from-alice");
        assertEquals("alice", received.getStringProperty("JMSXUserID"));
        assertTrue(Collections.list(received.getPropertyNames()).contains("JMSXUserID"));
    }

    @Test
    void anAnonymousConnectionsMessagesCarryNoUser() throws JMSException {
        try (Connection anonymous = factory.createConnection()) {
            sendForged(anonymous, "from-anonymous", DeliveryMode.NON_PERSISTENT);
        }
        Message received = receive("from-anonymous");
        assertFalse(received.propertyExists("JMSXUserID"));
        assertNull(received.getStringProperty("JMSXUserID"));
    }

    @Test
    void theSimplifiedApiStampsTheContextsUserAlsoOnContextsSharingItsConnection() throws JMSException {
        try (JMSContext bob = factory.createContext("bob", "hunter2");
                JMSContext sharing = bob.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = bob.createQueue("from-bob");
            bob.createProducer().setProperty("JMSXUserID", "mallory").send(queue, "body");
            sharing.createProducer().send(queue, sharing.createTextMessage("message"));
            try (JMSConsumer consumer = bob.createConsumer(queue)) {
                assertEquals("bob", consumer.receive(5_000).getStringProperty("JMSXUserID"));
                assertEquals("bob", consumer.receive(5_000).getStringProperty("JMSXUserID"));
            }
        }
    }

    @Test
    void anXaConnectionsMessagesCarryItsUser() throws JMSException {
        try (XAConnection alice = broker.xaConnectionFactory().createXAConnection("alice", "secret")) {
            XASession session = alice.createXASession();
            session.createProducer(session.createQueue("from-xa")).send(session.createMessage());
        }
        assertEquals("alice", receive("from-xa").getStringProperty("JMSXUserID"));
    }

    @Test
    void aSelectorCanPickMessagesBySender() throws JMSException {
        try (Connection alice = factory.createConnection("alice", "secret");
                Connection bob = factory.createConnection("bob", "hunter2")) {
            sendForged(bob, "by-sender", DeliveryMode.NON_PERSISTENT);
            sendForged(alice, "by-sender", DeliveryMode.NON_PERSISTENT);
            alice.start();
            Session session = alice.createSession();
            MessageConsumer onlyAlice =
                    session.createConsumer(session.createQueue("by-sender"), "JMSXUserID = 'alice'");
            assertEquals("alice", onlyAlice.receive(5_000).getStringProperty("JMSXUserID"));
            assertNull(onlyAlice.receiveNoWait());
        }
    }

    @Test
    void theUserIsKeptInTheStoreAcrossARestart() throws JMSException {
        try (Connection alice = factory.createConnection("alice", "secret")) {
            sendForged(alice, "kept", DeliveryMode.PERSISTENT);
        }
        broker.close();
        start();

        assertEquals("alice", receive("kept").getStringProperty("JMSXUserID"));
    }

    @Test
    void groupPropertiesTravelAsTheApplicationSetThem() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("groups");
            Message own = session.createMessage();
            own.setStringProperty("JMSXGroupID", "order-7");
            own.setIntProperty("JMSXGroupSeq", 1);
            Message foreign = ForeignMessages.plain();
            foreign.setStringProperty("JMSXGroupID", "order-7");
            foreign.setIntProperty("JMSXGroupSeq", 2);
            foreign.setIntProperty("JMSXDeliveryCount", 9);
            session.createProducer(queue).send(own);
            session.createProducer(queue).send(foreign);
        }
        for (int seq = 1; seq <= 2; seq++) {
            Message received = receive("groups");
            assertEquals("order-7", received.getStringProperty("JMSXGroupID"));
            assertEquals(seq, received.getIntProperty("JMSXGroupSeq"));
            assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
        }
    }

    @Test
    void metaDataNamesTheJmsxPropertiesCairnSupports() throws JMSException {
        Set<String> expected = Set.of("JMSXUserID", "JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");
        try (Connection connection = factory.createConnection(); JMSContext context = factory.createContext()) {
            assertEquals(expected, new HashSet<>(Collections.list(connection.getMetaData().getJMSXPropertyNames())));
            assertEquals(expected, new HashSet<>(Collections.list(context.getMetaData().getJMSXPropertyNames())));
        }
    }
}
