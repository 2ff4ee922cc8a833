package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.BrokerOptions;
import org.cairnmq.engine.LeaseControl;
import org.cairnmq.testing.PooledJpaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two broker instances of one process over one H2 database: each dispatches only the messages it claimed,
 * and takes over the messages of one that left or whose lease ran out. (Nodes of one broker on PostgreSQL,
 * which share every queue: {@code org.cairnmq.cluster.PostgresClusterTest}.)
 */
class SharedStoreClaimTest {
    private static final long LEASE_MILLIS = 600;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Broker> brokers = new ArrayList<>();

    String jdbcUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @AfterEach
    void stopBrokers() {
        brokers.forEach(Broker::close);
        threads.shutdownNow();
    }

    private Broker node(String url, String name, Clock clock) {
        Broker broker = Broker.start(PooledJpaStore.open(url), threads, clock,
                BrokerOptions.defaults().withNodeName(name).withLeaseMillis(LEASE_MILLIS));
        brokers.add(broker);
        return broker;
    }

    @Test
    void aNodeLeavesAloneTheMessagesALiveNodeHolds() throws JMSException {
        String url = jdbcUrl();
        Broker a = node(url, "a", Clock.systemUTC());
        send(a, 10);
        Broker b = node(url, "b", Clock.systemUTC());
        assertEquals(0, b.queueDepth("orders"));
        try (Connection onB = new JmsConnectionFactory(b).createConnection()) {
            onB.start();
            assertNull(onB.createSession().createConsumer(new JmsQueue("orders")).receiveNoWait());
        }
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"), receive(a, 10));
    }

    @Test
    void messagesOfANodeThatLeftAreTakenOver() throws JMSException {
        String url = jdbcUrl();
        Broker a = node(url, "a", Clock.systemUTC());
        send(a, 10);
        Broker b = node(url, "b", Clock.systemUTC());
        brokers.remove(a);
        a.close();
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"), receive(b, 10));
    }

    @Test
    void messagesOfANodeWhoseLeaseRanOutAreTakenOver() throws JMSException {
        String url = jdbcUrl();
        Broker a = node(url, "a", Clock.systemUTC());
        send(a, 10);
        // As in a long pause of a's process: its lease runs out by the database's clock, and it knows.
        LeaseControl.pauseRenewals(a, true);
        Broker b = node(url, "b", Clock.systemUTC());
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"), receive(b, 10));
    }

    private static void send(Broker broker, int count) throws JMSException {
        try (Connection connection = new JmsConnectionFactory(broker).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(new JmsQueue("orders"));
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("m" + i));
            }
        }
    }

    private static List<String> receive(Broker broker, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Connection connection = new JmsConnectionFactory(broker).createConnection()) {
            connection.start();
            MessageConsumer consumer = connection.createSession().createConsumer(new JmsQueue("orders"));
            for (int i = 0; i < count; i++) {
                TextMessage message = (TextMessage) consumer.receive(10_000);
                assertNotNull(message, "message " + i + " not delivered");
                texts.add(message.getText());
            }
            assertNull(consumer.receiveNoWait());
        }
        return texts;
    }
}
