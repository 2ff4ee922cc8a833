package org.cairnmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.ra.RecordingEndpointFactory.Delivery;
import org.cairnmq.testing.FaultyDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message-driven bean while the store is unreachable: its activation backs off instead of being handed
 * the same message again and again, and resumes by itself when the store answers, without a redeploy.
 */
class InboundStoreOutageTest {
    private static final String DATA_SOURCE = "java:test/CairnFaultyDS";
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final String name = "outage-" + UUID.randomUUID();
    private FaultyDataSource database;
    private CairnResourceAdapter adapter;
    private Connection client;

    @BeforeEach
    void start() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        database = new FaultyDataSource(h2);
        TestJndi.install();
        TestJndi.bind(DATA_SOURCE, database);
        adapter = new CairnResourceAdapter();
        adapter.setDataSourceJndiName(DATA_SOURCE);
        adapter.start(FakeBootstrapContext.synchronous());
        client = new JmsConnectionFactory(adapter.broker()).createConnection();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        database.heal();
        client.close();
        adapter.stop();
        TestJndi.uninstall();
    }

    @Test
    void aBeanBacksOffWhileTheStoreIsDownAndResumesByItself() throws Exception {
        RecordingEndpointFactory bean = new RecordingEndpointFactory();
        CairnActivationSpec spec = new CairnActivationSpec();
        spec.setResourceAdapter(adapter);
        spec.setDestination(name);
        adapter.endpointActivation(bean, spec);

        Session session = client.createSession();
        Queue queue = session.createQueue(name);
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.setDeliveryDelay(300); // stored now, delivered once the store is down
            producer.send(session.createTextMessage("order"));
        }
        database.goDown();
        assertEquals(1, bean.awaitDeliveries(1, BOUND).size(), "the bean had it; its acknowledgement failed");
        // The broker probes the store every second while it is down: let a few probes fail.
        await("three probes failed", () -> database.injectedFailures() >= 4);
        assertEquals(List.of("order"), bean.texts(), "not handed again while the store is down");

        database.heal();
        List<Delivery> deliveries = bean.awaitDeliveries(2, BOUND);
        assertEquals(List.of(new Delivery(deliveries.get(0).endpoint(), "order", false),
                new Delivery(deliveries.get(1).endpoint(), "order", true)), deliveries,
                "delivered again, flagged, once the store answers");
        org.cairnmq.engine.Broker broker = adapter.broker();
        await("acknowledged", () -> broker.queueDepth(name) == 0);
        adapter.endpointDeactivation(bean, spec);
        assertEquals(2, bean.deliveries().size());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "Not within " + BOUND + ": " + what);
            Thread.sleep(20);
        }
    }
}
