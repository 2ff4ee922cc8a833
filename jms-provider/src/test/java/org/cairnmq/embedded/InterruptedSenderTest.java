package org.cairnmq.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications interrupt their threads (a cancelled future, a transaction reaper). On an H2 file store an
 * interrupt in the middle of a write would make H2 close the database for every user of the broker; the
 * embedded broker's URL prevents it.
 */
class InterruptedSenderTest {
    @TempDir
    Path dir;

    @Test
    void interruptedSendersDoNotBreakTheStore() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("jdbc:h2:" + dir.resolve("store").toAbsolutePath())) {
            ConnectionFactory factory = broker.connectionFactory();
            for (int i = 0; i < 20; i++) {
                Thread sender = new Thread(() -> {
                    try (JMSContext context = factory.createContext()) {
                        for (int k = 0; k < 200 && !Thread.currentThread().isInterrupted(); k++) {
                            context.createProducer().send(context.createQueue("interrupted"), "x");
                        }
                    } catch (JMSRuntimeException interrupted) {
                        // the interrupted send may fail; the store must not
                    }
                });
                sender.start();
                while (broker.broker().queueDepth("interrupted") == 0 && sender.isAlive()) {
                    Thread.onSpinWait(); // interrupt once it is sending
                }
                sender.interrupt();
                sender.join();
            }
            long before = broker.broker().queueDepth("interrupted");
            try (JMSContext context = factory.createContext()) {
                context.createProducer().send(context.createQueue("interrupted"), "after");
                assertEquals(before + 1, broker.broker().queueDepth("interrupted"));
                assertNotNull(context.createConsumer(context.createQueue("interrupted")).receiveBody(String.class, 5_000));
            }
        }
    }
}
