package org.cairnmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.ra.RecordingEndpointFactory.Delivery;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Message endpoints activated on an adapter started without a server: a bootstrap context whose work
 * manager runs work at once (so a send returns after its deliveries), JNDI with the store's data source
 * (an in-memory H2 database) and a recording endpoint factory.
 */
class InboundActivationTest {
    private static final String DATA_SOURCE = "java:test/CairnDS";
    private static final Duration BOUND = Duration.ofSeconds(10);

    private CairnResourceAdapter adapter;
    private Connection client;
    private Session session;
    private final String name = "inbound-" + UUID.randomUUID();

    @BeforeEach
    void start() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        TestJndi.install();
        TestJndi.bind(DATA_SOURCE, h2);
        adapter = new CairnResourceAdapter();
        adapter.setDataSourceJndiName(DATA_SOURCE);
        adapter.start(FakeBootstrapContext.synchronous());
        client = new JmsConnectionFactory(adapter.broker()).createConnection();
        client.start();
        session = client.createSession();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        adapter.stop();
        TestJndi.uninstall();
    }

    @Test
    void aQueueBeanWithASelectorGetsOnlyWhatMatches() throws Exception {
        RecordingEndpointFactory bean = activate(s -> s.setMessageSelector("color = 'red'"));
        sendEach(session.createQueue(name), "color", "red", "blue", "red");

        assertEquals(List.of("color red", "color red"), bean.texts());
        assertEquals("color blue", receive(session.createQueue(name)), "left in the queue");
    }

    @Test
    void theSessionsOfATopicBeanShareOneSubscription() throws Exception {
        RecordingEndpointFactory bean = activate(topic(s -> s.setMaxSession(4)));
        RecordingEndpointFactory otherBean = activate(topic(s -> s.setMaxSession(2)));
        List<String> sent = texts(20);
        send(session.createTopic(name), sent.toArray(String[]::new));

        assertEquals(sent, bean.texts(), "each message once per bean, however many sessions");
        assertEquals(sent, otherBean.texts(), "another bean has its own subscription");
        Set<Integer> endpoints = bean.deliveries().stream().map(Delivery::endpoint).collect(Collectors.toSet());
        assertTrue(endpoints.size() > 1, "the subscription's messages are spread over the sessions: " + endpoints);
    }

    @Test
    void aDurableBeanGetsWhatWasPublishedWhileItWasDeactivated() throws Exception {
        Consumer<CairnActivationSpec> durable = topic(s -> {
            s.setSubscriptionDurability("Durable");
            s.setSubscriptionName("audit");
            s.setMaxSession(3);
        });
        RecordingEndpointFactory before = activate(durable);
        send(session.createTopic(name), "while active");
        deactivate(before);
        send(session.createTopic(name), "while away 1", "while away 2");

        RecordingEndpointFactory after = activate(durable);
        assertEquals(List.of("while active"), before.texts());
        assertEquals(Set.of("while away 1", "while away 2"), Set.copyOf(after.awaitDeliveries(2, BOUND).stream()
                .map(Delivery::text).toList()));
        assertEquals(2, after.deliveries().size());
    }

    @Test
    void aNonDurableBeanMissesWhatWasPublishedWhileItWasDeactivated() throws Exception {
        Consumer<CairnActivationSpec> nonDurable = topic(s -> s.setSubscriptionName("live"));
        deactivate(activate(nonDurable));
        send(session.createTopic(name), "missed");

        RecordingEndpointFactory after = activate(nonDurable);
        send(session.createTopic(name), "seen");
        assertEquals(List.of("seen"), after.texts());
    }

    @Test
    void aDurableTopicBeanWithASelector() throws Exception {
        RecordingEndpointFactory bean = activate(topic(s -> {
            s.setSubscriptionDurability("Durable");
            s.setSubscriptionName("big-orders");
            s.setMessageSelector("amount > 100");
        }));
        sendEach(session.createTopic(name), "amount", 50, 150, 100, 101);
        assertEquals(List.of("amount 150", "amount 101"), bean.texts());
    }

    @Test
    void beansWithOtherClientIdsHaveOtherDurableSubscriptionsOfTheSameName() throws Exception {
        RecordingEndpointFactory first = activate(topic(s -> durableFor(s, "app-1")));
        RecordingEndpointFactory second = activate(topic(s -> durableFor(s, "app-2")));
        send(session.createTopic(name), "to both");

        assertEquals(List.of("to both"), first.texts());
        assertEquals(List.of("to both"), second.texts());
        JMSException inUse = assertThrows(JMSException.class, () -> {
            try (Connection other = new JmsConnectionFactory(adapter.broker()).createConnection()) {
                other.setClientID("app-1");
            }
        });
        assertTrue(inUse.getMessage().contains("app-1"), "the bean's connection holds its client ID");
    }

    @Test
    void aBeanThatThrowsWithoutATransactionGetsTheMessageAgain() throws Exception {
        RecordingEndpointFactory bean = activate(s -> s.setMaxSession(1));
        bean.failFirstDeliveryOf.add("poison once");
        send(session.createQueue(name), "poison once");

        List<Delivery> deliveries = bean.awaitDeliveries(2, BOUND);
        assertEquals(List.of(new Delivery(1, "poison once", false), new Delivery(1, "poison once", true)), deliveries);
        assertNull(receiveNow(session.createQueue(name)), "acknowledged after the second delivery");
    }

    @Test
    void deactivationStopsDeliveryAndReleasesTheEndpoints() throws Exception {
        CairnActivationSpec spec = spec(s -> s.setMaxSession(3));
        RecordingEndpointFactory bean = new RecordingEndpointFactory();
        adapter.endpointActivation(bean, spec);
        adapter.endpointDeactivation(bean, spec);
        send(session.createQueue(name), "after deactivation");

        assertEquals(3, bean.released());
        assertEquals(List.of(), bean.texts());
        assertEquals("after deactivation", receive(session.createQueue(name)), "kept in the queue");
    }

    @Test
    void aTopicLookedUpInJndi() throws Exception {
        CairnTopic bound = new CairnTopic();
        bound.setName(name);
        TestJndi.bind("java:/jms/cairn/topic/Test", bound);
        RecordingEndpointFactory bean = activate(s -> {
            s.setDestination(null);
            s.setDestinationLookup("java:/jms/cairn/topic/Test");
        });
        send(session.createTopic(name), "published");
        assertEquals(List.of("published"), bean.texts());
    }

    @Test
    void wrongLookupsFailTheActivationNamingTheProperty() {
        CairnQueue queue = new CairnQueue();
        queue.setName(name);
        TestJndi.bind("java:/jms/cairn/queue/Test", queue);
        TestJndi.bind("java:/JmsXA", "another provider's factory");

        assertActivationFails("destinationLookup", s -> s.setDestinationLookup("java:/jms/missing"));
        assertActivationFails("destinationType", s -> {
            s.setDestinationLookup("java:/jms/cairn/queue/Test");
            s.setDestinationType("jakarta.jms.Topic");
        });
        assertActivationFails("subscriptionDurability", s -> {
            s.setDestinationLookup("java:/jms/cairn/queue/Test");
            s.setSubscriptionDurability("Durable");
            s.setSubscriptionName("durable-queue");
        });
        assertActivationFails("connectionFactoryLookup", s -> s.setConnectionFactoryLookup("java:/JmsXA"));
        assertActivationFails("messageSelector", s -> s.setMessageSelector("amount >"));
    }

    @Test
    void cairnsOwnConnectionFactoryIsAccepted() throws Exception {
        TestJndi.bind("java:/jms/cairn/ConnectionFactory",
                new CairnManagedConnectionFactory().createConnectionFactory(null));
        RecordingEndpointFactory bean = activate(s -> s.setConnectionFactoryLookup("java:/jms/cairn/ConnectionFactory"));
        send(session.createQueue(name), "through the named factory");
        assertEquals(List.of("through the named factory"), bean.texts());
    }

    private void assertActivationFails(String property, Consumer<CairnActivationSpec> settings) {
        CairnActivationSpec spec = spec(s -> {
            s.setDestination(null);
            settings.accept(s);
            if (s.getDestinationLookup() == null) {
                s.setDestination(name);
            }
        });
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> adapter.endpointActivation(new RecordingEndpointFactory(), spec));
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    private static void durableFor(CairnActivationSpec spec, String clientId) {
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("audit");
        spec.setClientId(clientId);
    }

    private Consumer<CairnActivationSpec> topic(Consumer<CairnActivationSpec> more) {
        return s -> {
            s.setDestinationType("jakarta.jms.Topic");
            more.accept(s);
        };
    }

    private CairnActivationSpec spec(Consumer<CairnActivationSpec> settings) {
        CairnActivationSpec spec = new CairnActivationSpec();
        spec.setResourceAdapter(adapter);
        spec.setDestination(name);
        settings.accept(spec);
        return spec;
    }

    private RecordingEndpointFactory activate(Consumer<CairnActivationSpec> settings) throws Exception {
        RecordingEndpointFactory bean = new RecordingEndpointFactory();
        adapter.endpointActivation(bean, spec(settings));
        return bean;
    }

    private void deactivate(RecordingEndpointFactory bean) {
        adapter.endpointDeactivation(bean, null);
    }

    private void send(Destination to, String... texts) throws JMSException {
        try (MessageProducer producer = session.createProducer(to)) {
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    /** Sends one message per value, with the value as the property and "property value" as the text. */
    private void sendEach(Destination to, String property, Object... values) throws JMSException {
        try (MessageProducer producer = session.createProducer(to)) {
            for (Object value : values) {
                TextMessage message = session.createTextMessage(property + " " + value);
                message.setObjectProperty(property, value);
                producer.send(message);
            }
        }
    }

    private static List<String> texts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "message " + i).toList();
    }

    private String receive(Destination from) throws JMSException {
        Message message = session.createConsumer(from).receive(BOUND.toMillis());
        assertNotNull(message);
        return ((TextMessage) message).getText();
    }

    private Message receiveNow(Destination from) throws JMSException {
        return session.createConsumer(from).receiveNoWait();
    }
}
