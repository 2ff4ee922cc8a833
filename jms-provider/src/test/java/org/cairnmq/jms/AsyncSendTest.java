package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncSendTest extends InMemoryBrokerTest {

    /** Records completions in order, with the thread each ran on. */
    private static final class Recorder implements CompletionListener {
        final List<String> completed = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final List<Exception> failures = new CopyOnWriteArrayList<>();

        @Override
        public void onCompletion(Message message) {
            try {
                completed.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                failures.add(e);
            }
            threads.add(Thread.currentThread());
        }

        @Override
        public void onException(Message message, Exception exception) {
            failures.add(exception);
        }
    }

    @Test
    void completionsArriveInSendOrderOffTheCallersThreadAndCloseWaitsForThem() throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue("async"));
        Recorder recorder = new Recorder();
        for (int i = 0; i < 100; i++) {
            producer.send(session.createTextMessage("m" + i), recorder);
        }
        session.close();

        assertEquals(100, recorder.completed.size(), "close returned before every send completed");
        for (int i = 0; i < 100; i++) {
            assertEquals("m" + i, recorder.completed.get(i));
        }
        assertTrue(recorder.threads.stream().noneMatch(t -> t == Thread.currentThread()));
        assertTrue(recorder.failures.isEmpty(), recorder.failures.toString());
        assertEquals(100, broker.broker().queueDepth("async"));
    }

    @Test
    void failedSendIsReportedToTheListener() throws Exception {
        broker.broker().setAutoCreateDestinations(false);
        Session session = connection.createSession();
        CompletableFuture<Exception> failure = new CompletableFuture<>();
        session.createProducer(session.createQueue("missing")).send(session.createTextMessage("x"),
                new CompletionListener() {
                    @Override
                    public void onCompletion(Message message) {
                        failure.complete(null);
                    }

                    @Override
                    public void onException(Message message, Exception exception) {
                        failure.complete(exception);
                    }
                });
        assertInstanceOf(InvalidDestinationException.class, failure.get(10, TimeUnit.SECONDS));
    }

    @Test
    void closingTheSessionFromItsCompletionListenerIsRefused() throws Exception {
        Session session = connection.createSession();
        CompletableFuture<Exception> outcome = new CompletableFuture<>();
        session.createProducer(session.createQueue("refuse")).send(session.createTextMessage("x"),
                new CompletionListener() {
                    @Override
                    public void onCompletion(Message message) {
                        try {
                            session.close();
                            outcome.complete(null);
                        } catch (JMSException e) {
                            outcome.complete(e);
                        }
                    }

                    @Override
                    public void onException(Message message, Exception exception) {
                        outcome.complete(exception);
                    }
                });
        Exception refused = outcome.get(10, TimeUnit.SECONDS);
        assertNotNull(refused);
        assertInstanceOf(jakarta.jms.IllegalStateException.class, refused);
        assertNotEquals(null, session.createTextMessage("session still open"));
    }
}
