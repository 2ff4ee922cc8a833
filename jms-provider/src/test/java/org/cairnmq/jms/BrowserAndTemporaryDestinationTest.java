package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrowserAndTemporaryDestinationTest extends InMemoryBrokerTest {

    private static List<String> texts(QueueBrowser browser) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Object m : Collections.list(browser.getEnumeration())) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }

    @Test
    void browserSeesWaitingMessagesInDeliveryOrderWithoutConsumingThem() throws JMSException {
        Session session = connection.createSession();
        Queue queue = session.createQueue("browsed");
        MessageProducer producer = session.createProducer(queue);
        for (String colour : List.of("red", "blue", "red")) {
            TextMessage m = session.createTextMessage(colour);
            m.setStringProperty("colour", colour);
            producer.send(m);
        }
        producer.send(session.createTextMessage("urgent"), jakarta.jms.DeliveryMode.PERSISTENT, 9, 0);

        assertEquals(List.of("urgent", "red", "blue", "red"), texts(session.createBrowser(queue)));
        QueueBrowser reds = session.createBrowser(queue, "colour = 'red'");
        assertEquals("colour = 'red'", reds.getMessageSelector());
        assertEquals(List.of("red", "red"), texts(reds));
        assertEquals(4, broker.broker().queueDepth("browsed"));
    }

    @Test
    void requestReplyThroughATemporaryQueue() throws JMSException {
        Session client = connection.createSession();
        TemporaryQueue replies = client.createTemporaryQueue();
        Queue requests = client.createQueue("requests");
        TextMessage request = client.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        request.setJMSCorrelationID("r-1");
        client.createProducer(requests).send(request);

        Connection serverConnection = broker.connectionFactory().createConnection();
        serverConnection.start();
        Session server = serverConnection.createSession();
        Message received = server.createConsumer(requests).receive(5_000);
        TextMessage reply = server.createTextMessage("pong");
        reply.setJMSCorrelationID(received.getJMSCorrelationID());
        server.createProducer(null).send(received.getJMSReplyTo(), reply);

        TextMessage answer = (TextMessage) client.createConsumer(replies).receive(5_000);
        assertEquals("pong", answer.getText());
        assertEquals("r-1", answer.getJMSCorrelationID());

        assertThrows(InvalidDestinationException.class, () -> server.createConsumer(replies));
        serverConnection.close();
    }

    @Test
    void temporaryQueueDiesWithItsConnection() throws JMSException {
        Connection owner = broker.connectionFactory().createConnection();
        TemporaryQueue temp = owner.createSession().createTemporaryQueue();
        owner.close();

        Session other = connection.createSession();
        assertThrows(InvalidDestinationException.class,
                () -> other.createProducer(temp).send(other.createTextMessage("too late")));
    }

    @Test
    void temporaryDestinationCannotBeDeletedWhileItHasConsumers() throws JMSException {
        Session session = connection.createSession();
        TemporaryQueue temp = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(temp);
        assertThrows(jakarta.jms.IllegalStateException.class, temp::delete);
        consumer.close();
        temp.delete();
        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(temp));
    }

    @Test
    void temporaryTopicFansOutToItsSubscribers() throws JMSException {
        Session session = connection.createSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        MessageConsumer a = session.createConsumer(topic);
        MessageConsumer b = session.createConsumer(topic);
        session.createProducer(topic).send(session.createTextMessage("all"));
        assertNotNull(a.receive(5_000));
        assertNotNull(b.receive(5_000));
        assertFalse(topic.getTopicName().isBlank());
    }

    @Test
    void withAutomaticCreationOffOnlyCreatedDestinationsCanBeUsed() throws JMSException {
        broker.broker().setAutoCreateDestinations(false);
        Session session = connection.createSession();
        Queue unknown = session.createQueue("never-created");
        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(unknown));
        assertThrows(InvalidDestinationException.class,
                () -> session.createProducer(unknown).send(session.createTextMessage("x")));

        broker.broker().createQueue("created");
        Queue created = session.createQueue("created");
        session.createProducer(created).send(session.createTextMessage("fine"));
        assertInstanceOf(TextMessage.class, session.createConsumer(created).receive(5_000));
    }
}
