package org.cairnmq.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerAuthTest {
    private EmbeddedBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String memoryUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private ConnectionFactory withAlice() {
        broker = EmbeddedBroker.builder().jdbcUrl(memoryUrl()).user("alice", "secret").user("bob", "hunter2").start();
        return broker.connectionFactory();
    }

    @Test
    void wrongPasswordIsASecurityException() {
        ConnectionFactory factory = withAlice();
        JMSSecurityException e = assertThrows(JMSSecurityException.class,
                () -> factory.createConnection("alice", "wrong"));
        assertTrue(e.getMessage().contains("Wrong user name or password"), e.getMessage());
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("mallory", "secret"));
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", null));
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("bob", "secret"));
        assertThrows(JMSSecurityException.class,
                () -> ((QueueConnectionFactory) factory).createQueueConnection("alice", "wrong"));
    }

    @Test
    void wrongPasswordIsASecurityRuntimeExceptionForContexts() {
        ConnectionFactory factory = withAlice();
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("alice", "wrong"));
        assertThrows(JMSSecurityRuntimeException.class,
                () -> factory.createContext("alice", "wrong", JMSContext.CLIENT_ACKNOWLEDGE));
    }

    @Test
    void rightPasswordWorks() throws Exception {
        ConnectionFactory factory = withAlice();
        Queue queue;
        try (Connection connection = factory.createConnection("alice", "secret")) {
            queue = connection.createSession().createQueue("auth");
            connection.createSession().createProducer(queue).send(connection.createSession().createTextMessage("hi"));
        }
        try (JMSContext context = factory.createContext("bob", "hunter2", JMSContext.AUTO_ACKNOWLEDGE)) {
            assertEquals("hi", context.createConsumer(queue).receiveBody(String.class, 5000));
            try (JMSContext second = context.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
                second.createProducer().send(queue, "shared connection");
            }
        }
    }

    @Test
    void anonymousIsRefusedOnceUsersAreConfigured() {
        ConnectionFactory factory = withAlice();
        assertThrows(JMSSecurityException.class, factory::createConnection);
        assertThrows(JMSSecurityRuntimeException.class, factory::createContext);
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext(JMSContext.SESSION_TRANSACTED));
    }

    @Test
    void anonymousIsAllowedWhenConfigured() throws Exception {
        broker = EmbeddedBroker.builder().jdbcUrl(memoryUrl()).user("alice", "secret").allowAnonymous(true).start();
        ConnectionFactory factory = broker.connectionFactory();
        factory.createConnection().close();
        factory.createContext().close();
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "wrong"));
    }

    @Test
    void withoutUsersEveryoneIsAllowed() throws Exception {
        broker = EmbeddedBroker.start(memoryUrl());
        ConnectionFactory factory = broker.connectionFactory();
        factory.createConnection().close();
        factory.createConnection("anyone", "anything").close();
        factory.createContext("anyone", "anything").close();
    }

    @Test
    void refusingAnonymousWithoutUsersIsAConfigurationError() {
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().jdbcUrl(memoryUrl()).allowAnonymous(false);
        assertThrows(IllegalStateException.class, builder::start);
    }

    @Test
    void builderNeedsAStore() {
        assertThrows(IllegalStateException.class, () -> EmbeddedBroker.builder().user("alice", "secret").start());
    }
}
