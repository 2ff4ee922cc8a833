package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.Test;

/**
 * Queues far deeper than the memory a broker gives them: messages beyond the limit wait in the store and
 * come back page by page, in order, exactly once, also across a restart.
 */
class DeepQueueTest {
    static final int LIMIT = 16;

    String jdbcUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static EmbeddedBroker start(String jdbcUrl) {
        return EmbeddedBroker.builder().jdbcUrl(jdbcUrl).nodeName("deep-queue-test").queueMemoryLimit(LIMIT).start();
    }

    @Test
    void deepQueueKeepsOnlyItsLimitInMemoryAndDeliversInOrder() throws Exception {
        try (EmbeddedBroker broker = start(jdbcUrl());
             Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("deep");
            send(session, queue, "m", 300);
            assertEquals(300, broker.broker().queueDepth("deep"));
            assertEquals(LIMIT, broker.broker().queueMessagesInMemory("deep"));

            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            for (int i = 0; i < 300; i++) {
                TextMessage received = (TextMessage) consumer.receive(5_000);
                assertNotNull(received, "message " + i);
                assertEquals("m" + i, received.getText());
                assertTrue(broker.broker().queueMessagesInMemory("deep") <= LIMIT);
            }
            assertNull(consumer.receiveNoWait());
            assertEquals(0, broker.broker().queueDepth("deep"));
        }
    }

    @Test
    void browserSeesMessagesInMemoryThenThoseInTheStore() throws Exception {
        try (EmbeddedBroker broker = start(jdbcUrl());
             Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("browsed");
            send(session, queue, "m", 40);
            List<String> seen = new ArrayList<>();
            java.util.Enumeration<?> messages = session.createBrowser(queue).getEnumeration();
            while (messages.hasMoreElements()) {
                seen.add(((TextMessage) messages.nextElement()).getText());
            }
            // The limit in memory, and as many again read from the store.
            assertEquals(2 * LIMIT, seen.size());
            for (int i = 0; i < seen.size(); i++) {
                assertEquals("m" + i, seen.get(i));
            }
            assertEquals(40, broker.broker().queueDepth("browsed"), "browsing took nothing");
        }
    }

    @Test
    void queueLeavesPagingOnceTheStoreIsDrained() throws Exception {
        try (EmbeddedBroker broker = start(jdbcUrl());
             Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("drained");
            send(session, queue, "first-", 40);
            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            for (int i = 0; i < 40; i++) {
                assertEquals("first-" + i, ((TextMessage) consumer.receive(5_000)).getText());
            }
            consumer.close();
            // Back in memory: a few new messages are held there, not left in the store.
            send(session, queue, "second-", 5);
            assertEquals(5, broker.broker().queueMessagesInMemory("drained"));
            consumer = session.createConsumer(queue);
            for (int i = 0; i < 5; i++) {
                assertEquals("second-" + i, ((TextMessage) consumer.receive(5_000)).getText());
            }
        }
    }

    @Test
    void deepQueueSurvivesRestartAndLoadsInPages() throws Exception {
        String url = jdbcUrl();
        try (EmbeddedBroker broker = start(url);
             Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            send(session, session.createQueue("restarted"), "m", 100);
        }
        try (EmbeddedBroker broker = start(url);
             Connection connection = broker.connectionFactory().createConnection()) {
            assertEquals(100, broker.broker().queueDepth("restarted"));
            assertEquals(LIMIT, broker.broker().queueMessagesInMemory("restarted"));
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("restarted"));
            for (int i = 0; i < 100; i++) {
                assertEquals("m" + i, ((TextMessage) consumer.receive(5_000)).getText());
            }
            assertNull(consumer.receiveNoWait());
        }
    }

    @Test
    void higherPriorityFirstWithinWhatIsLoaded() throws Exception {
        try (EmbeddedBroker broker = start(jdbcUrl());
             Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("prio");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 3 * LIMIT; i++) {
                producer.send(session.createTextMessage("low" + i), DeliveryMode.PERSISTENT, 1, 0);
            }
            producer.send(session.createTextMessage("urgent"), DeliveryMode.PERSISTENT, 9, 0);
            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            List<String> order = new ArrayList<>();
            for (Message m; (m = consumer.receive(2_000)) != null; ) {
                order.add(((TextMessage) m).getText());
            }
            assertEquals(3 * LIMIT + 1, order.size());
            // The urgent message waited in the store; it overtakes every low one loaded after it.
            assertTrue(order.indexOf("urgent") <= LIMIT, "urgent at " + order.indexOf("urgent"));
            order.remove("urgent");
            for (int i = 0; i < 3 * LIMIT; i++) {
                assertEquals("low" + i, order.get(i));
            }
        }
    }

    @Test
    void concurrentProducersAndConsumersLoseNothingAndKeepEachProducersOrder() throws Exception {
        int producers = 4;
        int perProducer = 150;
        try (EmbeddedBroker broker = start(jdbcUrl());
             Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            ExecutorService threads = Executors.newFixedThreadPool(producers + 2);
            try {
                List<Future<?>> sends = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    String prefix = "p" + p + "-";
                    sends.add(threads.submit(() -> {
                        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                            send(s, s.createQueue("busy"), prefix, perProducer);
                        }
                        return null;
                    }));
                }
                AtomicInteger total = new AtomicInteger();
                List<Future<Map<String, List<Integer>>>> receives = new ArrayList<>();
                for (int c = 0; c < 2; c++) {
                    receives.add(threads.submit(() -> receiveUntil(connection, total, producers * perProducer)));
                }
                for (Future<?> send : sends) {
                    send.get();
                }
                Set<String> seen = new HashSet<>();
                for (Future<Map<String, List<Integer>>> receive : receives) {
                    for (Map.Entry<String, List<Integer>> byProducer : receive.get().entrySet()) {
                        List<Integer> numbers = byProducer.getValue();
                        for (int i = 1; i < numbers.size(); i++) {
                            assertTrue(numbers.get(i - 1) < numbers.get(i),
                                    byProducer.getKey() + " out of order for one consumer: " + numbers);
                        }
                        numbers.forEach(n -> assertTrue(seen.add(byProducer.getKey() + n), "duplicate"));
                    }
                }
                assertEquals(producers * perProducer, seen.size());
                assertEquals(0, broker.broker().queueDepth("busy"));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void durableSubscriptionPagesToo() throws Exception {
        try (EmbeddedBroker broker = start(jdbcUrl());
             Connection connection = broker.connectionFactory().createConnection()) {
            connection.setClientID("pager");
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("news");
            session.createDurableConsumer(topic, "all").close();
            send(session, topic, "n", 80);
            connection.start();
            MessageConsumer consumer = session.createDurableConsumer(topic, "all");
            for (int i = 0; i < 80; i++) {
                assertEquals("n" + i, ((TextMessage) consumer.receive(5_000)).getText());
            }
            assertNull(consumer.receiveNoWait());
        }
    }

    /** Receives until the queue has given {@code expected} messages in all, by producer prefix. */
    private static Map<String, List<Integer>> receiveUntil(Connection connection, AtomicInteger total, int expected)
            throws JMSException {
        Map<String, List<Integer>> byProducer = new HashMap<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageConsumer consumer = session.createConsumer(session.createQueue("busy"));
            while (total.get() < expected && System.nanoTime() < deadline) {
                TextMessage m = (TextMessage) consumer.receive(200);
                if (m == null) {
                    continue;
                }
                total.incrementAndGet();
                String[] parts = m.getText().split("-");
                byProducer.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
            }
        }
        return byProducer;
    }

    private static void send(Session session, jakarta.jms.Destination to, String prefix, int count)
            throws JMSException {
        MessageProducer producer = session.createProducer(to);
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage(prefix + i));
        }
        producer.close();
    }
}
