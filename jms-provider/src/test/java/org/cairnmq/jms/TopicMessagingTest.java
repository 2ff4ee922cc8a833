package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicMessagingTest {
    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start(jdbcUrl());
    }

    @AfterEach
    void stop() throws JMSException {
        for (Connection c : connections) {
            c.close();
        }
        broker.close();
    }

    /** The store's JDBC URL; the same for every start within one test. */
    String jdbcUrl() {
        return "jdbc:h2:" + dir.resolve("store").toAbsolutePath();
    }

    private Connection connect(String clientId) throws JMSException {
        Connection c = broker.connectionFactory().createConnection();
        if (clientId != null) {
            c.setClientID(clientId);
        }
        c.start();
        connections.add(c);
        return c;
    }

    private static void publish(Session session, Topic topic, String... texts) throws JMSException {
        MessageProducer producer = session.createProducer(topic);
        for (String text : texts) {
            producer.send(session.createTextMessage(text));
        }
    }

    private static String text(MessageConsumer consumer) throws JMSException {
        TextMessage m = (TextMessage) consumer.receive(5_000);
        return m == null ? null : m.getText();
    }

    @Test
    void everySubscriberGetsEveryMessagePublishedWhileItListens() throws JMSException {
        Session session = connect(null).createSession();
        Topic topic = session.createTopic("news");
        publish(session, topic, "before anyone listened");
        MessageConsumer first = session.createConsumer(topic);
        MessageConsumer second = connect(null).createSession().createConsumer(topic);
        publish(session, topic, "one", "two");

        for (MessageConsumer c : List.of(first, second)) {
            assertEquals("one", text(c));
            assertEquals("two", text(c));
            assertNull(c.receive(100));
        }
        TextMessage delivered = (TextMessage) session.createConsumer(topic).receiveNoWait();
        assertNull(delivered);
    }

    @Test
    void receivedMessageNamesTheTopicAsItsDestination() throws JMSException {
        Session session = connect(null).createSession();
        Topic topic = session.createTopic("named");
        MessageConsumer consumer = session.createConsumer(topic);
        publish(session, topic, "x");
        assertEquals(topic, consumer.receive(5_000).getJMSDestination());
    }

    @Test
    void subscriberSelectorFiltersWhatItGets() throws JMSException {
        Session session = connect(null).createSession();
        Topic topic = session.createTopic("prices");
        MessageConsumer expensive = session.createConsumer(topic, "price > 100");
        MessageProducer producer = session.createProducer(topic);
        for (int price : new int[] {50, 150}) {
            TextMessage m = session.createTextMessage("p" + price);
            m.setIntProperty("price", price);
            producer.send(m);
        }
        assertEquals("p150", text(expensive));
        assertNull(expensive.receive(100));
    }

    @Test
    void noLocalSubscriberDoesNotGetItsOwnConnectionsMessages() throws JMSException {
        Connection mine = connect(null);
        Session session = mine.createSession();
        Topic topic = session.createTopic("chat");
        MessageConsumer consumer = session.createConsumer(topic, null, true);
        publish(session, topic, "mine");
        publish(connect(null).createSession(), topic, "theirs");

        assertEquals("theirs", text(consumer));
        assertNull(consumer.receive(100));
    }

    @Test
    void durableSubscriptionKeepsMessagesWhileAwayAndAcrossRestart() throws JMSException {
        Session session = connect("reporting").createSession();
        Topic topic = session.createTopic("orders");
        session.createDurableConsumer(topic, "audit").close();
        publish(connect(null).createSession(), topic, "while away");
        for (Connection c : connections) {
            c.close();
        }
        connections.clear();
        broker.close();

        broker = EmbeddedBroker.start(jdbcUrl());
        Session again = connect("reporting").createSession();
        MessageConsumer audit = again.createDurableConsumer(again.createTopic("orders"), "audit");
        assertEquals("while away", text(audit));
        assertNull(audit.receive(100));
    }

    @Test
    void unsubscribeDeletesTheSubscriptionAndItsMessages() throws JMSException {
        Session session = connect("client-u").createSession();
        Topic topic = session.createTopic("u");
        MessageConsumer consumer = session.createDurableConsumer(topic, "sub");
        publish(session, topic, "pending");

        assertThrows(jakarta.jms.IllegalStateException.class, () -> session.unsubscribe("sub"));
        consumer.close();
        session.unsubscribe("sub");
        assertThrows(InvalidDestinationException.class, () -> session.unsubscribe("sub"));
        MessageConsumer fresh = session.createDurableConsumer(topic, "sub");
        assertNull(fresh.receive(100));
    }

    @Test
    void resubscribingWithAnotherSelectorStartsAFreshSubscription() throws JMSException {
        Session session = connect("client-r").createSession();
        Topic topic = session.createTopic("r");
        session.createDurableConsumer(topic, "sub").close();
        publish(session, topic, "old");
        MessageConsumer changed = session.createDurableConsumer(topic, "sub", "kind = 'new'", false);
        assertNull(changed.receive(100));
    }

    @Test
    void unsharedDurableSubscriptionNeedsAClientId() throws JMSException {
        Session session = connect(null).createSession();
        assertThrows(jakarta.jms.IllegalStateException.class,
                () -> session.createDurableConsumer(session.createTopic("t"), "s"));
    }

    @Test
    void clientIdIsUniqueAmongOpenConnections() throws JMSException {
        connect("only-one");
        Connection other = broker.connectionFactory().createConnection();
        connections.add(other);
        assertThrows(InvalidClientIDException.class, () -> other.setClientID("only-one"));
    }

    @Test
    void sharedSubscriptionSpreadsMessagesOverItsConsumersOncePerMessage() throws JMSException {
        Session a = connect(null).createSession();
        Session b = connect(null).createSession();
        Topic topic = a.createTopic("work");
        MessageConsumer first = a.createSharedConsumer(topic, "workers");
        MessageConsumer second = b.createSharedConsumer(topic, "workers");
        publish(a, topic, "1", "2", "3", "4");

        Set<String> seen = new HashSet<>();
        int fromFirst = 0;
        int fromSecond = 0;
        TextMessage m;
        while ((m = (TextMessage) first.receive(200)) != null) {
            assertTrue(seen.add(m.getText()));
            fromFirst++;
            if ((m = (TextMessage) second.receive(200)) != null) {
                assertTrue(seen.add(m.getText()));
                fromSecond++;
            }
        }
        while ((m = (TextMessage) second.receive(100)) != null) {
            assertTrue(seen.add(m.getText()));
            fromSecond++;
        }
        assertEquals(Set.of("1", "2", "3", "4"), seen);
        assertTrue(fromFirst > 0 && fromSecond > 0, "both consumers got messages");
    }

    @Test
    void sharedDurableSubscriptionOutlivesItsConsumers() throws JMSException {
        Session session = connect(null).createSession();
        Topic topic = session.createTopic("sd");
        session.createSharedDurableConsumer(topic, "keep").close();
        publish(session, topic, "kept");
        assertNotNull(session.createSharedDurableConsumer(topic, "keep").receive(5_000));
    }
}
