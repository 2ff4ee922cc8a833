package org.cairnmq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.LeaseControl;
import org.cairnmq.engine.RelayProbe;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.jms.JmsQueue;
import org.cairnmq.jms.JmsTopic;
import org.cairnmq.testing.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two and three brokers in one JVM over one PostgreSQL database, as the nodes of one broker: what is sent
 * through any node is delivered to consumers on any node, once, in order per producer, and a node whose
 * lease lapses while it lives delivers nothing another node took over.
 */
@PostgresTest
class PostgresClusterTest {
    private static final long LEASE_MILLIS = 1_500;
    private final ClusterNodes cluster = new ClusterNodes(LEASE_MILLIS);

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Broker node(String name) {
        return cluster.node(name);
    }

    private Connection connect(Broker broker) throws JMSException {
        return cluster.connect(broker);
    }

    private void send(Broker broker, String queue, String... texts) throws JMSException {
        try (Connection connection = new JmsConnectionFactory(broker).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(new JmsQueue(queue));
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    private static String[] texts(String prefix, int count) {
        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            texts[i] = prefix + i;
        }
        return texts;
    }

    @Test
    void aMessageSentThroughOneNodeIsReceivedOnAnother() throws JMSException {
        Broker a = node("a");
        Broker b = node("b");
        MessageConsumer onB = connect(b).createSession().createConsumer(new JmsQueue("orders"));
        send(a, "orders", "one", "two", "three");
        for (String expected : List.of("one", "two", "three")) {
            TextMessage received = (TextMessage) onB.receive(10_000);
            assertNotNull(received, expected + " not delivered on b");
            assertEquals(expected, received.getText(), "in the order a's producer sent them");
        }
        assertNull(onB.receiveNoWait());
        MessageConsumer onA = connect(a).createSession().createConsumer(new JmsQueue("orders"));
        assertNull(onA.receive(300), "b took them, once");
    }

    @Test
    void aBacklogIsSharedByCompetingConsumersOnTwoNodesEachMessageOnce() throws Exception {
        Broker a = node("a");
        Broker b = node("b");
        int count = 400;
        send(a, "work", texts("m", count));
        Map<String, String> takenBy = new ConcurrentHashMap<>();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(count);
        for (Broker node : List.of(a, b)) {
            String name = node == a ? "a" : "b";
            Session session = connect(node).createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(new JmsQueue("work")).setMessageListener(message -> {
                try {
                    if (takenBy.put(((TextMessage) message).getText(), name) != null) {
                        duplicates.add(((TextMessage) message).getText());
                    }
                    Thread.sleep(2); // both consumers work at the same pace
                } catch (JMSException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                all.countDown();
            });
        }
        assertTrue(all.await(60, TimeUnit.SECONDS), "only " + takenBy.size() + " of " + count + " delivered");
        assertEquals(List.of(), duplicates);
        assertEquals(count, takenBy.size());
        long onA = takenBy.values().stream().filter("a"::equals).count();
        assertTrue(onA >= count / 5 && onA <= count - count / 5,
                "each node took a fair part of the backlog: a took " + onA + " of " + count);
    }

    @Test
    void theHighestPriorityWaitingIsDeliveredFirstOnAnyNode() throws JMSException {
        Broker a = node("a");
        Broker b = node("b");
        try (Connection connection = new JmsConnectionFactory(a).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(new JmsQueue("prio"));
            producer.send(session.createTextMessage("low"), Message.DEFAULT_DELIVERY_MODE, 1, 0);
            producer.send(session.createTextMessage("high"), Message.DEFAULT_DELIVERY_MODE, 9, 0);
        }
        MessageConsumer onB = connect(b).createSession().createConsumer(new JmsQueue("prio"));
        assertEquals("high", ((TextMessage) onB.receive(10_000)).getText());
        assertEquals("low", ((TextMessage) onB.receive(10_000)).getText());
    }

    @Test
    void aSharedDurableSubscriptionWithConsumersOnThreeNodesTakesEachMessageOnce() throws Exception {
        List<String> names = List.of("a", "b", "c");
        List<Broker> nodes = names.stream().map(this::node).toList();
        Topic topic = new JmsTopic("prices");
        Map<String, Integer> received = new ConcurrentHashMap<>();
        Set<String> nodesThatReceived = ConcurrentHashMap.newKeySet();
        int count = 90;
        CountDownLatch all = new CountDownLatch(count);
        for (Broker node : nodes) {
            Session session = connect(node).createSession();
            String name = "node-" + nodes.indexOf(node);
            session.createSharedDurableConsumer(topic, "dashboard").setMessageListener(message -> {
                try {
                    received.merge(((TextMessage) message).getText(), 1, Integer::sum);
                    nodesThatReceived.add(name);
                    Thread.sleep(5);
                } catch (JMSException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                all.countDown();
            });
        }
        try (Connection connection = new JmsConnectionFactory(nodes.get(0)).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(topic);
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("p" + i));
            }
        }
        assertTrue(all.await(60, TimeUnit.SECONDS), received.size() + " of " + count);
        assertEquals(count, received.size());
        assertTrue(received.values().stream().allMatch(n -> n == 1), "each once: " + received);
        assertTrue(nodesThatReceived.size() >= 2, "consumed on several nodes: " + nodesThatReceived);
    }

    @Test
    void aDurableSubscriptionMadeOnOneNodeKeepsWhatIsPublishedThroughAnother() throws JMSException {
        Broker a = node("a");
        Broker b = node("b");
        Topic topic = new JmsTopic("news");
        Connection onB = cluster.kept(new JmsConnectionFactory(b).createConnection());
        onB.setClientID("reader");
        onB.createSession().createDurableSubscriber(topic, "daily").close();
        awaitTrue(() -> a.management().subscriptions().stream().anyMatch(s -> s.name().equals("daily")),
                "a hears of b's subscription");

        try (Connection connection = new JmsConnectionFactory(a).createConnection()) {
            Session session = connection.createSession();
            session.createProducer(topic).send(session.createTextMessage("headline"));
        }
        onB.start();
        MessageConsumer again = onB.createSession().createDurableSubscriber(topic, "daily");
        TextMessage kept = (TextMessage) again.receive(10_000);
        assertNotNull(kept, "kept for b's subscriber");
        assertEquals("headline", kept.getText());
    }

    @Test
    void aNodeWhoseLeaseLapsedWhileItLivedCannotAcknowledgeWhatAnotherNodeDeliversInstead() throws Exception {
        Broker a = node("a");
        Broker b = node("b");
        send(a, "jobs", "job");
        Session onA = connect(a).createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message taken = onA.createConsumer(new JmsQueue("jobs")).receive(10_000);
        assertNotNull(taken);

        LeaseControl.pauseRenewals(a, true); // a long pause: a's lease runs out, b takes its claims over
        awaitTrue(() -> !LeaseControl.holdsClaims(a), "a sees its own lease run out");
        MessageConsumer onB = connect(b).createSession(false, Session.CLIENT_ACKNOWLEDGE)
                .createConsumer(new JmsQueue("jobs"));
        Message again = onB.receive(LEASE_MILLIS * 4 + 5_000);
        assertNotNull(again, "b delivers what a held, once a's lease ran out");
        assertEquals("job", ((TextMessage) again).getText());

        assertThrows(JMSException.class, taken::acknowledge, "a no longer holds it: its acknowledgement fails");
        again.acknowledge();

        LeaseControl.pauseRenewals(a, false); // a wakes up, finds its lease lost and joins again
        awaitTrue(() -> LeaseControl.holdsClaims(a), "a holds a lease again");
        send(b, "jobs", "next");
        Message next = onA.createConsumer(new JmsQueue("jobs")).receive(10_000);
        assertNotNull(next, "a, joined again, takes new work");
        assertEquals("next", ((TextMessage) next).getText());
        next.acknowledge();
        assertNull(onB.receive(500), "nothing delivered twice");
    }

    @Test
    void messagesHeldByANodeThatLeftAreDeliveredByAnother() throws JMSException {
        Broker a = node("a");
        Broker b = node("b");
        send(a, "left", texts("m", 5));
        Session onA = connect(a).createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = onA.createConsumer(new JmsQueue("left"));
        assertNotNull(consumer.receive(10_000)); // a holds at least this one, unacknowledged
        cluster.stop(a);
        MessageConsumer onB = connect(b).createSession().createConsumer(new JmsQueue("left"));
        Set<String> got = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            TextMessage m = (TextMessage) onB.receive(10_000);
            assertNotNull(m, "message " + i + " of a's not delivered by b");
            got.add(m.getText());
        }
        assertEquals(Set.of(texts("m", 5)), got);
    }

    @Test
    void whatANodeAloneKeptInMemoryGoesToTheStoreWhenAnotherNodeJoins() throws JMSException {
        Broker a = node("a");
        send(a, "backlog", texts("m", 30)); // alone: a keeps them in memory, claimed
        assertEquals(30, a.queueMessagesInMemory("backlog"));
        Broker b = node("b");
        MessageConsumer onB = connect(b).createSession().createConsumer(new JmsQueue("backlog"));
        Set<String> got = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            TextMessage m = (TextMessage) onB.receive(10_000);
            assertNotNull(m, "a gave up its claims once b joined: message " + i);
            got.add(m.getText());
        }
        assertEquals(Set.of(texts("m", 30)), got);
        assertEquals(0, a.queueMessagesInMemory("backlog"));
    }

    @Test
    void sendsOfAnXaBranchCommittedOnOneNodeAreReceivedOnAnother() throws Exception {
        Broker a = node("a");
        Broker b = node("b");
        MessageConsumer onB = connect(b).createSession().createConsumer(new JmsQueue("xa-out"));
        jakarta.jms.XAConnection xa = cluster.kept(new org.cairnmq.jms.JmsXAConnectionFactory(a).createXAConnection());
        jakarta.jms.XASession session = xa.createXASession();
        javax.transaction.xa.XAResource resource = session.getXAResource();
        for (boolean onePhase : new boolean[] {false, true}) {
            javax.transaction.xa.Xid xid = xid(onePhase ? "one-phase" : "two-phase");
            resource.start(xid, javax.transaction.xa.XAResource.TMNOFLAGS);
            session.createProducer(new JmsQueue("xa-out"))
                    .send(session.createTextMessage("sent " + (onePhase ? "one-phase" : "two-phase")));
            resource.end(xid, javax.transaction.xa.XAResource.TMSUCCESS);
            if (!onePhase) {
                assertEquals(javax.transaction.xa.XAResource.XA_OK, resource.prepare(xid));
            }
            resource.commit(xid, onePhase);
            TextMessage received = (TextMessage) onB.receive(10_000);
            assertNotNull(received, (onePhase ? "one" : "two") + "-phase send not delivered on b");
            assertEquals("sent " + (onePhase ? "one-phase" : "two-phase"), received.getText());
        }
    }

    @Test
    void everyNodeGivesTheSameDepthDeliveredOrNot() throws JMSException {
        Broker a = node("a");
        Broker b = node("b");
        Session onB = connect(b).createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = onB.createConsumer(new JmsQueue("depth")); // not receiving yet
        send(a, "depth", texts("m", 7));
        assertEquals(7, a.queueDepth("depth"));
        assertEquals(7, b.queueDepth("depth"));
        Message first = consumer.receive(10_000);
        assertNotNull(consumer.receive(10_000));
        assertEquals(7, a.queueDepth("depth"), "delivered, not yet acknowledged: still counted, on every node");
        assertEquals(7, b.queueDepth("depth"));
        first.acknowledge(); // both received so far
        assertEquals(5, a.queueDepth("depth"));
        assertEquals(5, b.queueDepth("depth"));
    }

    @Test
    void nonDurableSubscribersOnEveryNodeReceiveWhatIsPublishedThroughAnyNodeOnceAndInOrder() throws Exception {
        List<String> names = List.of("a", "b", "c");
        List<Broker> nodes = names.stream().map(this::node).toList();
        Topic topic = new JmsTopic("ticks");
        List<MessageConsumer> subscribers = new ArrayList<>();
        for (Broker node : nodes) {
            subscribers.add(connect(node).createSession().createConsumer(topic));
        }
        for (Broker node : nodes) { // each node hears of the other two nodes' relays of the topic
            awaitTrue(() -> RelayProbe.relaysTo(node, "ticks") == 2, "a node knows the others' relays");
        }
        int perProducer = 20;
        for (int n = 0; n < 2; n++) {
            try (Connection connection = new JmsConnectionFactory(nodes.get(n)).createConnection()) {
                Session session = connection.createSession();
                MessageProducer producer = session.createProducer(topic);
                for (int i = 0; i < perProducer; i++) { // persistent and not, alternately
                    producer.setDeliveryMode(i % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
                    producer.send(session.createTextMessage(names.get(n) + ":" + i));
                }
            }
        }
        for (int s = 0; s < subscribers.size(); s++) {
            Map<String, Integer> next = new java.util.HashMap<>(Map.of("a", 0, "b", 0));
            for (int i = 0; i < 2 * perProducer; i++) {
                TextMessage m = (TextMessage) subscribers.get(s).receive(10_000);
                assertNotNull(m, "subscriber on " + names.get(s) + ": message " + i);
                String[] from = m.getText().split(":");
                int expected = next.get(from[0]);
                assertEquals(expected, Integer.parseInt(from[1]), "order of " + from[0] + "'s messages");
                assertEquals(expected % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT,
                        m.getJMSDeliveryMode(), "delivery mode kept across nodes");
                assertNull(m.getObjectProperty("JMS_Cairn_NonPersistent"), "the stored form's marker taken off");
                next.put(from[0], expected + 1);
            }
            assertNull(subscribers.get(s).receive(300), "nothing twice");
        }
    }

    @Test
    void aNodesRelayEndsWithItsLastSubscriberAndComesBackAfterItsLeaseLapsed() throws Exception {
        Broker a = node("a");
        Broker b = node("b");
        Topic topic = new JmsTopic("alerts");
        Connection onB = connect(b);
        MessageConsumer first = onB.createSession().createConsumer(topic);
        awaitTrue(() -> RelayProbe.relaysTo(a, "alerts") == 1, "a hears of b's relay");
        first.close();
        awaitTrue(() -> RelayProbe.relaysTo(a, "alerts") == 0, "b's relay ends with its last subscriber");

        MessageConsumer second = onB.createSession().createConsumer(topic);
        awaitTrue(() -> RelayProbe.relaysTo(a, "alerts") == 1, "a hears of b's new relay");
        Set<Long> before = RelayProbe.queueIds(a, "alerts");
        LeaseControl.pauseRenewals(b, true); // b's lease runs out: a deletes the relay nobody reads
        awaitTrue(() -> RelayProbe.queueIds(a, "alerts").isEmpty(), "a deletes the relay of a node whose lease ran out");
        LeaseControl.pauseRenewals(b, false); // b joins again and finds its relay gone: it makes it again
        awaitTrue(() -> RelayProbe.relaysTo(a, "alerts") == 1, "b makes its relay again");
        assertTrue(java.util.Collections.disjoint(before, RelayProbe.queueIds(a, "alerts")), "a new relay");
        try (Connection connection = new JmsConnectionFactory(a).createConnection()) {
            Session session = connection.createSession();
            session.createProducer(topic).send(session.createTextMessage("after"));
        }
        TextMessage m = (TextMessage) second.receive(10_000);
        assertNotNull(m, "b's subscriber receives what a publishes once the relay is back");
        assertEquals("after", m.getText());
    }

    @Test
    void aSharedNonDurableSubscriptionWithConsumersOnThreeNodesTakesEachMessageOnce() throws Exception {
        List<Broker> members = List.of(node("a"), node("b"), node("c"));
        Broker publisherOnly = node("d");
        Topic topic = new JmsTopic("orders");
        Map<String, Integer> received = new ConcurrentHashMap<>();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        for (Broker member : members) {
            Session session = connect(member).createSession();
            session.createSharedConsumer(topic, "workers", "kind <> 'skip'").setMessageListener(m -> {
                try {
                    if (received.merge(((TextMessage) m).getText(), 1, Integer::sum) > 1) {
                        duplicates.add(((TextMessage) m).getText());
                    }
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        awaitTrue(() -> RelayProbe.relaysTo(publisherOnly, "orders") == 1, "d hears of the shared subscription");
        int perNode = 15;
        List<Broker> publishers = List.of(members.get(0), members.get(1), publisherOnly);
        for (int n = 0; n < publishers.size(); n++) {
            try (Connection connection = new JmsConnectionFactory(publishers.get(n)).createConnection()) {
                Session session = connection.createSession();
                MessageProducer producer = session.createProducer(topic);
                for (int i = 0; i < perNode; i++) {
                    producer.setDeliveryMode(i % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
                    TextMessage m = session.createTextMessage(n + ":" + i);
                    m.setStringProperty("kind", i == 0 ? "skip" : "work"); // the selector keeps the first out
                    producer.send(m);
                }
            }
        }
        int expected = publishers.size() * (perNode - 1);
        awaitTrue(() -> received.size() == expected, "every matching message received: " + expected);
        // A message delivered twice would come right behind the first; the subscription must stay empty.
        MessageConsumer late = connect(members.get(2)).createSession().createSharedConsumer(topic, "workers",
                "kind <> 'skip'");
        assertNull(late.receive(500), "nothing left in the shared subscription");
        assertEquals(List.of(), duplicates, "no message delivered twice");
        for (int n = 0; n < publishers.size(); n++) {
            assertNull(received.get(n + ":0"), "a message the selector refuses is not delivered");
        }
    }

    @Test
    void aSharedNonDurableSubscriptionEndsWithItsLastConsumerOnAnyNode() throws Exception {
        Broker a = node("a");
        Broker b = node("b");
        Broker c = node("c");
        Topic topic = new JmsTopic("events");
        Session onA = connect(a).createSession();
        Session onB = connect(b).createSession();
        MessageConsumer consumerA = onA.createSharedConsumer(topic, "audit");
        MessageConsumer consumerB = onB.createSharedConsumer(topic, "audit");
        awaitTrue(() -> RelayProbe.relaysTo(c, "events") == 1, "c hears of the shared subscription");
        consumerA.close();
        try (Connection connection = new JmsConnectionFactory(c).createConnection()) {
            Session session = connection.createSession();
            session.createProducer(topic).send(session.createTextMessage("kept for b"));
        }
        TextMessage kept = (TextMessage) consumerB.receive(10_000);
        assertNotNull(kept, "b's consumer still shares the subscription after a's left");
        assertEquals("kept for b", kept.getText());
        consumerB.close();
        awaitTrue(() -> RelayProbe.relaysTo(c, "events") == 0, "the subscription ends with its last consumer");
    }

    @Test
    void aClientIdOfTheBrokersOwnIsRefused() throws JMSException {
        Connection connection = cluster.kept(new JmsConnectionFactory(node("a")).createConnection());
        assertThrows(jakarta.jms.InvalidClientIDException.class, () -> connection.setClientID("$cairn.node.a"));
    }

    private static javax.transaction.xa.Xid xid(String name) {
        return org.cairnmq.jms.TestXid.of(name);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 20 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

}
