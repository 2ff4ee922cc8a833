package org.cairnmq.jndi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.XAConnectionFactory;
import java.util.Properties;
import java.util.UUID;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What a test suite written for Artemis does, with only javax.naming and jakarta.jms: the environment is
 * the one such a suite has, with the factory class and provider URL changed.
 */
class ArtemisStyleJndiTest {
    private final String storeUrl = "jdbc:h2:mem:jndi-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @AfterAll
    static void stopBrokers() {
        CairnInitialContextFactory.stopBrokers();
    }

    private Properties environment() {
        Properties env = new Properties();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "org.cairnmq.jndi.CairnInitialContextFactory");
        env.put(Context.PROVIDER_URL, storeUrl);
        env.put("connectionFactory.ConnectionFactory", "vm://0");
        env.put("queue.queue/exampleQueue", "exampleQueue");
        env.put("topic.topic/exampleTopic", "exampleTopic");
        return env;
    }

    @Test
    void sendsAndReceivesOnAQueueLookedUpInJndi() throws Exception {
        InitialContext jndi = new InitialContext(environment());
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("ConnectionFactory");
        Queue queue = (Queue) jndi.lookup("queue/exampleQueue");
        jndi.close();

        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("This is a text message"));
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            TextMessage received = (TextMessage) consumer.receive(5000);
            assertNotNull(received);
            assertEquals("This is a text message", received.getText());
        }
        assertEquals("exampleQueue", queue.getQueueName());
    }

    @Test
    void topicBindingIsATopic() throws Exception {
        InitialContext jndi = new InitialContext(environment());
        Topic topic = (Topic) jndi.lookup("topic/exampleTopic");
        assertEquals("exampleTopic", topic.getTopicName());
        assertEquals("exampleTopic", ((Topic) jndi.lookup("dynamicTopics/exampleTopic")).getTopicName());
        jndi.close();
    }

    @Test
    void twoContextsWithTheSameUrlShareTheBroker() throws Exception {
        InitialContext sending = new InitialContext(environment());
        InitialContext receiving = new InitialContext(environment());

        ConnectionFactory sendFactory = (ConnectionFactory) sending.lookup("ConnectionFactory");
        try (JMSContext context = sendFactory.createContext()) {
            context.createProducer().send((Queue) sending.lookup("queue/exampleQueue"), "across contexts");
        }
        ConnectionFactory receiveFactory = (ConnectionFactory) receiving.lookup("ConnectionFactory");
        try (JMSContext context = receiveFactory.createContext()) {
            Queue queue = (Queue) receiving.lookup("dynamicQueues/exampleQueue");
            assertEquals("across contexts", context.createConsumer(queue).receiveBody(String.class, 5000));
        }
        sending.close();
        receiving.close();
    }

    @Test
    void contextsWithoutProviderUrlShareAnInMemoryBroker() throws Exception {
        Properties env = new Properties();
        env.put(Context.INITIAL_CONTEXT_FACTORY, CairnInitialContextFactory.class.getName());
        String queueName = "no-url-" + UUID.randomUUID();
        ConnectionFactory first = (ConnectionFactory) new InitialContext(env).lookup("ConnectionFactory");
        ConnectionFactory second = (ConnectionFactory) new InitialContext(env).lookup("ConnectionFactory");
        try (JMSContext context = first.createContext()) {
            context.createProducer().send(context.createQueue(queueName), "in memory");
        }
        try (JMSContext context = second.createContext()) {
            assertEquals("in memory", context.createConsumer(context.createQueue(queueName))
                    .receiveBody(String.class, 5000));
        }
    }

    @Test
    void bindsArtemisDefaultFactoryNames() throws Exception {
        InitialContext jndi = new InitialContext(environment());
        QueueConnectionFactory queueFactory = (QueueConnectionFactory) jndi.lookup("QueueConnectionFactory");
        try (QueueConnection connection = queueFactory.createQueueConnection()) {
            assertNotNull(connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE));
        }
        assertInstanceOf(jakarta.jms.TopicConnectionFactory.class, jndi.lookup("TopicConnectionFactory"));
        assertInstanceOf(XAConnectionFactory.class, jndi.lookup("XAConnectionFactory"));
        jndi.close();
    }

    @Test
    void connectionFactoryTypeXaGivesAnXaFactory() throws Exception {
        Properties env = environment();
        env.put("connectionFactory.jms/XA", "vm://0?type=XA_CF");
        env.put("connectionFactory.jms/QueueXA", "vm://0?type=QUEUE_XA_CF");
        env.put("connectionFactory.jms/Plain", "");
        InitialContext jndi = new InitialContext(env);
        assertInstanceOf(XAConnectionFactory.class, jndi.lookup("jms/XA"));
        assertInstanceOf(jakarta.jms.XAQueueConnectionFactory.class, jndi.lookup("jms/QueueXA"));
        assertInstanceOf(ConnectionFactory.class, jndi.lookup("jms/Plain"));
        assertInstanceOf(Context.class, jndi.lookup("jms"));
        assertInstanceOf(ConnectionFactory.class, ((Context) jndi.lookup("jms")).lookup("Plain"));
        jndi.close();
    }
}
