package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What a message listener may not do to its own session or connection, and what stop() waits for. */
class ListenerThreadRulesTest extends InMemoryBrokerTest {

    private void sendOne(String queue) throws JMSException {
        Session s = connection.createSession();
        s.createProducer(s.createQueue(queue)).send(s.createTextMessage("x"));
    }

    @Test
    void stopWaitsForTheRunningListenerToReturn() throws Exception {
        Session session = connection.createSession();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        session.createConsumer(session.createQueue("slow")).setMessageListener(m -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            returned.set(true);
        });
        sendOne("slow");
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                connection.stop();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        release.countDown();
        stopping.get(10, TimeUnit.SECONDS);
        assertTrue(returned.get(), "stop() returned while the listener was still running");
    }

    @Test
    void listenerMayNotStopOrCloseItsOwnConnectionOrCloseItsSession() throws Exception {
        Session session = connection.createSession();
        CompletableFuture<Exception[]> outcome = new CompletableFuture<>();
        session.createConsumer(session.createQueue("rules")).setMessageListener(m -> {
            Exception[] errors = new Exception[3];
            try {
                connection.stop();
            } catch (JMSException e) {
                errors[0] = e;
            }
            try {
                connection.close();
            } catch (JMSException e) {
                errors[1] = e;
            }
            try {
                session.close();
            } catch (JMSException e) {
                errors[2] = e;
            }
            outcome.complete(errors);
        });
        sendOne("rules");

        Exception[] errors = outcome.get(10, TimeUnit.SECONDS);
        for (Exception e : errors) {
            assertInstanceOf(jakarta.jms.IllegalStateException.class, e);
        }
    }
}
