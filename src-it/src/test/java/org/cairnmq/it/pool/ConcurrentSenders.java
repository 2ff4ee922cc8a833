package org.cairnmq.it.pool;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Sends from many container-managed threads at once through Cairn's pooled factory. */
@ApplicationScoped
public class ConcurrentSenders {
    private static final long SEND_SECONDS = 60;

    @Resource
    ManagedExecutorService threads;

    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory factory;

    /**
     * {@code senders} threads, released together, each send {@code perSender} messages with a context of its
     * own per message ("sender-message"); returns once all are sent, failing with the first error.
     */
    public void send(String queue, int senders, int perSender) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            running.add(threads.submit(() -> {
                start.await();
                for (int m = 0; m < perSender; m++) {
                    try (JMSContext context = factory.createContext()) {
                        context.createProducer().send(context.createQueue(queue), sender + "-" + m);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> sender : running) {
            sender.get(SEND_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Holds {@code count} contexts open at once, each on a session of its own, and answers how many it got.
     * With {@code count} equal to the pool's maximum this succeeds only if no earlier user kept a session.
     */
    public int holdAtOnce(int count) {
        List<JMSContext> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                JMSContext context = factory.createContext();
                held.add(context);
                context.createTextMessage();
            }
            return held.size();
        } finally {
            held.forEach(JMSContext::close);
        }
    }
}
