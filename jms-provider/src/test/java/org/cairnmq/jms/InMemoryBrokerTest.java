package org.cairnmq.jms;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.UUID;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh broker on an in-memory H2 database for each test, with one started connection. */
abstract class InMemoryBrokerTest {
    protected EmbeddedBroker broker;
    protected Connection connection;

    @BeforeEach
    void startBroker() throws JMSException {
        broker = EmbeddedBroker.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        connection = broker.connectionFactory().createConnection();
        connection.start();
    }

    @AfterEach
    void stopBroker() throws JMSException {
        connection.close();
        broker.close();
    }
}
