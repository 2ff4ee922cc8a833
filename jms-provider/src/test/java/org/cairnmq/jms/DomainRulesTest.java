package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
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

    static Stream<Named<SessionCall>> everyMethodBesidesUnsubscribe() {
        return Stream.concat(topicMethodsBesidesUnsubscribe(), queueMethods());
    }

    private Connection connect() throws JMSException {
        Connection connection = broker.connectionFactory().createConnection();
        connection.setClientID("domain-" + UUID.randomUUID());
        return connection;
    }

    private XAQueueConnection connectXaQueue() throws JMSException {
        return ((XAQueueConnectionFactory) broker.xaConnectionFactory()).createXAQueueConnection();
    }

    private XATopicConnection connectXaTopic() throws JMSException {
        return ((XATopicConnectionFactory) broker.xaConnectionFactory()).createXATopicConnection();
    }

    @ParameterizedTest(name = "QueueSession refuses {0}")
    @MethodSource("topicMethods")
    void queueSessionRefusesTopicMethods(SessionCall call) throws JMSException {
        try (QueueConnection connection = (QueueConnection) connect()) {
            JmsSession session = (JmsSession) connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThrows(jakarta.jms.IllegalStateException.class, () -> call.call(session));
        }
    }

    @ParameterizedTest(name = "TopicSession refuses {0}")
    @MethodSource("queueMethods")
    void topicSessionRefusesQueueMethods(SessionCall call) throws JMSException {
        try (TopicConnection connection = (TopicConnection) connect()) {
            JmsSession session = (JmsSession) connection.createTopicSession(true, Session.SESSION_TRANSACTED);
            assertThrows(jakarta.jms.IllegalStateException.class, () -> call.call(session));
        }
    }

    @ParameterizedTest(name = "XAQueueSession refuses {0}")
    @MethodSource("topicMethods")
    void xaQueueSessionRefusesTopicMethods(SessionCall call) throws JMSException {
        try (XAQueueConnection connection = connectXaQueue()) {
            JmsSession session = (JmsSession) connection.createXAQueueSession();
            assertThrows(jakarta.jms.IllegalStateException.class, () -> call.call(session));
        }
    }

    @ParameterizedTest(name = "XATopicSession refuses {0}")
    @MethodSource("queueMethods")
    void xaTopicSessionRefusesQueueMethods(SessionCall call) throws JMSException {
        try (XATopicConnection connection = connectXaTopic()) {
            JmsSession session = (JmsSession) connection.createXATopicSession();
            assertThrows(jakarta.jms.IllegalStateException.class, () -> call.call(session));
        }
    }

    @ParameterizedTest(name = "QueueSession keeps {0}")
    @MethodSource("queueMethods")
    void queueSessionKeepsQueueMethods(SessionCall call) throws JMSException {
        try (QueueConnection connection = (QueueConnection) connect()) {
            assertNotNull(call.call((JmsSession) connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)));
        }
    }

    @ParameterizedTest(name = "TopicSession keeps {0}")
    @MethodSource("topicMethodsBesidesUnsubscribe")
    void topicSessionKeepsTopicMethods(SessionCall call) throws JMSException {
        try (TopicConnection connection = (TopicConnection) connect()) {
            assertNotNull(call.call((JmsSession) connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE)));
        }
    }

    @ParameterizedTest(name = "Session keeps {0}")
    @MethodSource("everyMethodBesidesUnsubscribe")
    void sessionFromCreateSessionKeepsEveryMethod(SessionCall call) throws JMSException {
        try (Connection connection = connect()) {
            assertNotNull(call.call((JmsSession) connection.createSession()));
        }
    }

    @Test
    void topicSessionAndPlainSessionMayUnsubscribe() throws JMSException {
        try (TopicConnection connection = (TopicConnection) connect()) {
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
        try (XAQueueConnection connection = connectXaQueue()) {
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
        try (XATopicConnection connection = connectXaTopic()) {
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
