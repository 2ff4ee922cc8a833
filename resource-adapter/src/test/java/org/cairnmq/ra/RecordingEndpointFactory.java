package org.cairnmq.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;

/**
 * A message-driven bean as the container presents it to the adapter, without transactions: each endpoint
 * records what it receives; texts listed in {@link #failFirstDeliveryOf} make {@code onMessage} throw the
 * first time.
 */
final class RecordingEndpointFactory implements MessageEndpointFactory {
    /** One call of {@code onMessage}. */
    record Delivery(int endpoint, String text, boolean redelivered) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private final AtomicInteger endpoints = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();
    final Set<String> failFirstDeliveryOf = ConcurrentHashMap.newKeySet();

    /** Waits, within the bound, until at least {@code count} deliveries were made; returns them all. */
    synchronized List<Delivery> awaitDeliveries(int count, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (deliveries.size() < count && deadline - System.nanoTime() > 0) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return List.copyOf(deliveries);
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    List<String> texts() {
        return deliveries().stream().map(Delivery::text).toList();
    }

    int released() {
        return released.get();
    }

    private synchronized void record(Delivery delivery) {
        deliveries.add(delivery);
        notifyAll();
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) {
        return new Endpoint(endpoints.incrementAndGet());
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return "recording";
    }

    @Override
    public Class<?> getEndpointClass() {
        return Endpoint.class;
    }

    private final class Endpoint implements MessageEndpoint, MessageListener {
        private final int id;

        Endpoint(int id) {
            this.id = id;
        }

        @Override
        public void onMessage(Message message) {
            try {
                String text = ((TextMessage) message).getText();
                record(new Delivery(id, text, message.getJMSRedelivered()));
                if (failFirstDeliveryOf.remove(text)) {
                    throw new IllegalStateException("the bean fails on " + text);
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void beforeDelivery(Method method) throws UnavailableException {
            throw new UnavailableException("not a transacted endpoint");
        }

        @Override
        public void afterDelivery() throws UnavailableException {
            throw new UnavailableException("not a transacted endpoint");
        }

        @Override
        public void release() {
            released.incrementAndGet();
        }
    }
}
