package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import jakarta.jms.XATopicSession;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JMS 1.0 domain rules: a session made by {@code createQueueSession} (or {@code createXAQueueSession})
 * refuses the topic methods with {@code IllegalStateException}, one made by {@code createTopicSession} the
 * queue methods; a session made by {@code createSession} keeps them all. One broker serves the class: the
 * refused calls change nothing in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainRulesTest {
    private static final Topic TOPIC = new JmsTopic("domain-topic");
    private static final Queue QUEUE = new JmsQueue("domain-queue");

    private EmbeddedBroker broker;

    /** One call on a session, named in the test's display name. */
    @FunctionalInterface
    interface SessionCall {
        Object call(JmsSession session) throws JMSException;
    }

    @BeforeAll
    void start() {
        broker = EmbeddedBroker.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    private static Named<SessionCall> call(String name, SessionCall call) {
        return Named.of(name, call);
    }

    /** What a QueueSession must refuse: the Session methods its Javadoc names, and TopicSession's own. */
    static Stream<Named<SessionCall>> topicMethods() {
        return Stream.concat(topicMethodsBesidesUnsubscribe(),
                Stream.of(call("unsubscribe", s -> {
                    s.unsubscribe("domain-durable");
                    return null;
                })));
    }

    static Stream<Named<SessionCall>> topicMethodsBesidesUnsubscribe() {
        return Stream.of(
                call("createTopic", s -> s.createTopic("t")),
                call("createTemporaryTopic", Session::createTemporaryTopic),
                call("createDurableSubscriber", s -> s.createDurableSubscriber(TOPIC, "domain-durable")),
                call("createDurableSubscriber(selector)",
                        s -> s.createDurableSubscriber(TOPIC, "domain-durable", "a = 1", false)),
                call("createDurableConsumer", s -> s.createDurableConsumer(TOPIC, "domain-durable")),
                call("createDurableConsumer(selector)",
                        s -> s.createDurableConsumer(TOPIC, "domain-durable", "a = 1", false)),
                call("createSharedConsumer", s -> s.createSharedConsumer(TOPIC, "domain-shared")),
                call("createSharedConsumer(selector)", s -> s.createSharedConsumer(TOPIC, "domain-shared", "a = 1")),
                call("createSharedDurableConsumer", s -> s.createSharedDurableConsumer(TOPIC, "domain-shared-durable")),
                call("createSharedDurableConsumer(selector)",
                        s -> s.createSharedDurableConsumer(TOPIC, "domain-shared-durable", "a = 1")),
                call("createSubscriber", s -> s.createSubscriber(TOPIC)),
                call("createSubscriber(selector)", s -> s.createSubscriber(TOPIC, "a = 1", false)),
                call("createPublisher", s -> s.createPublisher(TOPIC)),
                call("getTopicSession", JmsSession::getTopicSession));
    }

    /** What a TopicSession must refuse: the Session methods its Javadoc names, and QueueSession's own. */
    static Stream<Named<SessionCall>> queueMethods() {
        return Stream.of(
                call("createQueue", s -> s.createQueue("q")),
                call("createTemporaryQueue", Session::createTemporaryQueue),
                call("createBrowser", s -> s.createBrowser(QUEUE)),
                call("createBrowser(selector)", s -> s.createBrowser(QUEUE, "a = 1")),
                call("createReceiver", s -> s.createReceiver(QUEUE)),
                call("createReceiver(selector)", s -> s.createReceiver(QUEUE, "a = 1")),
                call("createSender", s -> s.createSender(QUEUE)),
                call("getQueueSession", JmsSession::getQueueSession));
    }

    /** The kinds of session, each as its connection method makes it. */
    enum Kind {
        SESSION(JmsConnection::createSession),
        QUEUE_SESSION(c -> c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)),
        TOPIC_SESSION(c -> c.createTopicSession(true, Session.SESSION_TRANSACTED)),
        XA_QUEUE_SESSION(JmsConnection::createXAQueueSession),
        XA_TOPIC_SESSION(JmsConnection::createXATopicSession);

        private final SessionFactory factory;

        Kind(SessionFactory factory) {
            this.factory = factory;
        }

        JmsSession open(JmsConnection connection) throws JMSException {
            return (JmsSession) factory.create(connection);
        }
    }

    @FunctionalInterface
    interface SessionFactory {
        Session create(JmsConnection connection) throws JMSException;
    }

    private static Stream<Arguments> each(Stream<Kind> kinds, Supplier<Stream<Named<SessionCall>>> calls) {
        return kinds.flatMap(kind -> calls.get().map(call -> Arguments.of(kind, call)));
    }

    static Stream<Arguments> refused() {
        return Stream.concat(
                each(Stream.of(Kind.QUEUE_SESSION, Kind.XA_QUEUE_SESSION), DomainRulesTest::topicMethods),
                each(Stream.of(Kind.TOPIC_SESSION, Kind.XA_TOPIC_SESSION), DomainRulesTest::queueMethods));
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                each(Stream.of(Kind.QUEUE_SESSION), DomainRulesTest::queueMethods),
                each(Stream.of(Kind.TOPIC_SESSION), DomainRulesTest::topicMethodsBesidesUnsubscribe),
                each(Stream.of(Kind.SESSION), DomainRulesTest::topicMethodsBesidesUnsubscribe),
                each(Stream.of(Kind.SESSION), DomainRulesTest::queueMethods)).flatMap(s -> s);
    }

    /** A connection of every kind (the XA factory's are), with a client ID for durable subscriptions. */
    private JmsConnection connect() throws JMSException {
        JmsConnection connection = (JmsConnection) broker.xaConnectionFactory().createXAConnection();
        connection.setClientID("domain-" + UUID.randomUUID());
        return connection;
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("refused")
    void aSessionOfOneDomainRefusesTheOthersMethods(Kind kind, SessionCall call) throws JMSException {
        try (JmsConnection connection = connect()) {
            JmsSession session = kind.open(connection);
            assertThrows(jakarta.jms.IllegalStateException.class, () -> call.call(session));
        }
    }

    @ParameterizedTest(name = "{0} keeps {1}")
    @MethodSource("allowed")
    void aSessionKeepsTheMethodsOfItsDomain(Kind kind, SessionCall call) throws JMSException {
        try (JmsConnection connection = connect()) {
            assertNotNull(call.call(kind.open(connection)));
        }
    }

    @Test
    void topicSessionAndPlainSessionMayUnsubscribe() throws JMSException {
        try (TopicConnection connection = connect()) {
            TopicSession topicSession = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            topicSession.createDurableSubscriber(TOPIC, "kept").close();
            topicSession.unsubscribe("kept");
            Session session = connection.createSession();
            session.createDurableConsumer(TOPIC, "kept too").close();
            session.unsubscribe("kept too");
        }
    }

    @Test
    void xaQueueSessionSendsUnderABranchThroughTypedFactory() throws Exception {
        Xid xid = TestXid.of("xa-queue-session");
        try (XAQueueConnection connection =
                ((XAQueueConnectionFactory) broker.xaConnectionFactory()).createXAQueueConnection()) {
            connection.start();
            XAQueueSession xaSession = connection.createXAQueueSession();
            QueueSession session = xaSession.getQueueSession();
            XAResource resource = xaSession.getXAResource();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.createSender(QUEUE).send(session.createTextMessage("typed queue"));
            resource.end(xid, XAResource.TMSUCCESS);
            QueueReceiver receiver =
                    connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE).createReceiver(QUEUE);
            assertNull(receiver.receiveNoWait(), "visible before commit");
            resource.commit(xid, true);
            assertEquals("typed queue", ((TextMessage) receiver.receive(5_000)).getText());
        }
    }

    @Test
    void xaTopicSessionPublishesUnderABranchThroughTypedFactory() throws Exception {
        Xid xid = TestXid.of("xa-topic-session");
        try (XATopicConnection connection =
                ((XATopicConnectionFactory) broker.xaConnectionFactory()).createXATopicConnection()) {
            connection.start();
            TopicSession reader = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            TopicSubscriber subscriber = reader.createSubscriber(TOPIC);
            XATopicSession xaSession = connection.createXATopicSession();
            TopicSession session = xaSession.getTopicSession();
            XAResource resource = xaSession.getXAResource();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.createPublisher(TOPIC).publish(session.createTextMessage("typed topic"));
            resource.end(xid, XAResource.TMSUCCESS);
            assertNull(subscriber.receiveNoWait(), "published before commit");
            assertEquals(XAResource.XA_OK, resource.prepare(xid));
            resource.commit(xid, false);
            assertEquals("typed topic", ((TextMessage) subscriber.receive(5_000)).getText());
        }
    }
}
