package org.cairnmq.engine;

import org.cairnmq.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.cairnmq.selector.Selector;

/**
 * One unit of work against the broker: what a messaging session sends and receives, acknowledged one by
 * one or, when a transaction is active, committed or rolled back together.
 *
 * <p>A session is used by one thread at a time (its owner, or its delivery thread for listeners), as the
 * messaging API requires; {@link #close} may come from any thread.
 */
public final class EngineSession {
    /** How long stopping or closing a session waits for a running message listener to return. */
    static final long LISTENER_WAIT_SECONDS = 30;
    private final Broker broker;
    private final EngineConnection connection;
    private final SerialExecutor deliveryThread;
    private final List<EngineConsumer> consumers = new CopyOnWriteArrayList<>();
    private final PendingSends pendingSends = new PendingSends();
    private final List<QueuedMessage> unacknowledged = new ArrayList<>();
    private volatile boolean transactionActive;
    private volatile boolean started;
    private volatile boolean closed;

    EngineSession(Broker broker, EngineConnection connection, boolean transacted, boolean started) {
        this.broker = broker;
        this.connection = connection;
        this.deliveryThread = new SerialExecutor(broker.deliveryThreads());
        this.transactionActive = transacted;
        this.started = started;
    }

    /** Sends now, or at commit when a transaction is active. Returns once a persistent send is durable. */
    public void send(DestinationAddress to, BrokerMessage message) {
        checkOpen();
        if (to.kind() == DestinationAddress.Kind.QUEUE) {
            broker.clientQueue(to.name(), connection, false);
        } else {
            broker.clientTopic(to.name(), connection, false);
        }
        OutgoingMessage outgoing = new OutgoingMessage(to, message, connection.id(), connection.clientId());
        if (transactionActive) {
            pendingSends.add(outgoing, broker.holdPending(outgoing)); // may wait for room, or refuse
        } else {
            broker.complete(List.of(outgoing), List.of());
        }
    }

    /** A consumer on a queue, or on a subscription of its own to a topic. */
    public EngineConsumer createConsumer(DestinationAddress from, Selector selector, boolean noLocal) {
        checkOpen();
        if (from.kind() == DestinationAddress.Kind.QUEUE) {
            return register(new EngineConsumer(this, broker.clientQueue(from.name(), connection, true), selector,
                    started, null));
        }
        Subscription subscription = broker.subscribe(from.name(), selector, noLocal, connection);
        return register(new EngineConsumer(this, subscription.queue, Selector.parse(null), started, subscription));
    }

    /** A consumer on a queue, or on a subscription of its own to a topic, taking every message. */
    public EngineConsumer createConsumer(DestinationAddress from) {
        return createConsumer(from, Selector.parse(null), false);
    }

    /**
     * A consumer on a durable subscription, created if needed (replaced if it exists with another topic,
     * selector or noLocal and no consumer). An unshared one needs the connection's client ID.
     */
    public EngineConsumer createDurableConsumer(String topic, String name, Selector selector, boolean noLocal,
            boolean shared) {
        checkOpen();
        if (!shared && connection.clientId() == null) {
            throw new BrokerException(BrokerException.Kind.ILLEGAL_STATE,
                    "An unshared durable subscription needs a client ID on its connection");
        }
        SubscriptionKey key = new SubscriptionKey(true, connection.clientId(), name);
        Subscription subscription = broker.subscribeNamed(key, topic, selector, noLocal, shared, connection);
        return register(new EngineConsumer(this, subscription.queue, Selector.parse(null), started, subscription));
    }

    /** A consumer on a shared non-durable subscription, created with its first consumer. */
    public EngineConsumer createSharedConsumer(String topic, String name, Selector selector) {
        checkOpen();
        SubscriptionKey key = new SubscriptionKey(false, connection.clientId(), name);
        Subscription subscription = broker.subscribeNamed(key, topic, selector, false, true, connection);
        return register(new EngineConsumer(this, subscription.queue, Selector.parse(null), started, subscription));
    }

    /** A snapshot of the messages waiting in a queue that the selector matches, in delivery order. */
    public List<QueuedMessage> browse(String queue, Selector selector) {
        checkOpen();
        return broker.clientQueue(queue, connection, false).browse(selector, broker.now());
    }

    /** Deletes a durable subscription of this connection's client ID, with the messages kept for it. */
    public void unsubscribe(String name) {
        checkOpen();
        broker.unsubscribe(connection.clientId(), name);
    }

    private EngineConsumer register(EngineConsumer consumer) {
        consumers.add(consumer);
        return consumer;
    }

    Broker broker() {
        return broker;
    }

    /**
     * Acknowledges one delivered message; outside a transaction this removes it for good.
     *
     * <p>The message leaves the session only once the store has recorded the acknowledgement. If the store
     * fails, the message goes back to its queue for redelivery (flagged redelivered) and the failure is
     * thrown: the application was told the acknowledgement failed, so it sees the message again.
     */
    public void acknowledge(QueuedMessage message) {
        synchronized (unacknowledged) {
            if (transactionActive || !unacknowledged.contains(message)) {
                return;
            }
        }
        try {
            broker.complete(List.of(), List.of(message));
        } catch (RuntimeException e) {
            // Lost claims: another node took the message over and delivers it; it is not this session's.
            if (forgetDelivery(message) && !StoreException.causedByClaimsLost(e)) {
                broker.redeliver(List.of(message));
            }
            throw e;
        }
        forgetDelivery(message);
    }

    /**
     * Gives back a delivered message the application never saw (its body could not be returned): it goes
     * back to its queue with the same delivery count, first in line by its priority and age.
     */
    public void release(QueuedMessage message) {
        synchronized (unacknowledged) {
            if (!unacknowledged.remove(message)) {
                return;
            }
        }
        message.queue.statistics.inFlight.decrementAndGet();
        message.queue.giveBack(message);
    }

    /**
     * Acknowledges every message delivered so far in this session. If the store fails they stay
     * unacknowledged in the session (to be acknowledged again, recovered or rolled back) and the failure is
     * thrown.
     */
    public void acknowledgeAll() {
        List<QueuedMessage> acked;
        synchronized (unacknowledged) {
            acked = new ArrayList<>(unacknowledged);
        }
        try {
            broker.complete(List.of(), acked);
        } catch (RuntimeException e) {
            if (StoreException.causedByClaimsLost(e)) {
                // This broker's claims were all taken over: another node delivers these messages now.
                acked.forEach(this::forgetDelivery);
            }
            throw e;
        }
        acked.forEach(this::forgetDelivery);
    }

    /** What a session did inside a transaction it hands over (to an XA branch). */
    public record TransactionWork(List<OutgoingMessage> sends, List<QueuedMessage> acknowledged) {
    }

    /** Hands over the transaction's sends and deliveries and goes back to acknowledging one by one. */
    TransactionWork detachTransactionWork() {
        TransactionWork work = new TransactionWork(takePendingSends(), takeUnacknowledged());
        transactionActive = false;
        return work;
    }

    /** The session as an XA resource of the broker's resource manager. */
    public EngineXaResource xaResource() {
        return broker.xaResource(this);
    }

    /** Starts a transaction (a no-op when one is active): sends and acknowledgements wait for commit. */
    public void begin() {
        checkOpen();
        transactionActive = true;
    }

    /**
     * Makes the transaction's sends and acknowledgements durable and visible at once. If the store fails,
     * nothing of it is applied and the session still holds the transaction's sends and deliveries, so that
     * a {@link #rollback} gives them back; the failure is thrown.
     *
     * @param keepTransaction whether a new transaction starts at once (transacted sessions) or the session
     *                        goes back to acknowledging one by one (a finished resource-local transaction)
     */
    public void commit(boolean keepTransaction) {
        checkOpen();
        PendingSends.Taken sends = pendingSends.take();
        List<QueuedMessage> acked = takeUnacknowledged();
        try {
            broker.complete(sends.sends(), acked);
        } catch (RuntimeException e) {
            // Nothing was applied: the transaction keeps what it held, for the rollback that follows; but
            // not deliveries whose claims were taken over: another node delivers those now.
            restore(sends, StoreException.causedByClaimsLost(e) ? List.of() : acked);
            throw e;
        }
        transactionActive = keepTransaction;
    }

    /** Drops the transaction's sends and returns its deliveries to their queues for redelivery. */
    public void rollback(boolean keepTransaction) {
        takePendingSends();
        transactionActive = keepTransaction;
        broker.redeliver(takeUnacknowledged());
    }

    /** Returns every unacknowledged delivery to its queue, marked as redelivered. */
    public void recover() {
        broker.redeliver(takeUnacknowledged());
    }

    public void start() {
        started = true;
        consumers.forEach(EngineConsumer::start);
    }

    /**
     * Stops delivery to the consumers and, unless {@code fromOwnCallback}, waits until a listener that is
     * running returns (a stopped connection delivers nothing).
     */
    public void stop(boolean fromOwnCallback) {
        started = false;
        consumers.forEach(EngineConsumer::stop);
        if (!fromOwnCallback && !deliveryThread.awaitIdle(LISTENER_WAIT_SECONDS, TimeUnit.SECONDS)) {
            // The specification has close wait for a running listener; a listener stuck for good must not
            // hang the application's shutdown with it.
            java.util.logging.Logger.getLogger(EngineSession.class.getName()).warning("CAIRN-ENGINE-012 A message "
                    + "listener did not return within " + LISTENER_WAIT_SECONDS + " s; the session stops without it");
        }
    }

    public void stop() {
        stop(false);
    }

    /** Closes the consumers and rolls back whatever was not acknowledged or committed. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumers.forEach(EngineConsumer::close);
        takePendingSends();
        broker.redeliver(takeUnacknowledged());
    }

    public boolean isTransactionActive() {
        return transactionActive;
    }

    EngineConnection connection() {
        return connection;
    }

    int unacknowledgedCount() {
        synchronized (unacknowledged) {
            return unacknowledged.size();
        }
    }

    void delivered(QueuedMessage message) {
        synchronized (unacknowledged) {
            unacknowledged.add(message);
        }
        message.queue.statistics.inFlight.incrementAndGet();
    }

    void forget(EngineConsumer consumer) {
        consumers.remove(consumer);
    }

    /** Runs a task on the session's serial thread, after the deliveries and tasks already queued there. */
    public void runInOrder(Runnable task) {
        deliveryThread.execute(task);
    }

    Executor deliveryThread() {
        return deliveryThread;
    }

    private List<OutgoingMessage> takePendingSends() {
        return pendingSends.take().sends();
    }

    /** Puts back, ahead of anything added since, what a failed commit took. */
    private void restore(PendingSends.Taken sends, List<QueuedMessage> acked) {
        pendingSends.restore(sends);
        synchronized (unacknowledged) {
            unacknowledged.addAll(0, acked);
            acked.forEach(m -> m.queue.statistics.inFlight.incrementAndGet());
        }
    }

    /** @return whether the delivery was still held by the session (and is no longer) */
    private boolean forgetDelivery(QueuedMessage message) {
        synchronized (unacknowledged) {
            if (!unacknowledged.remove(message)) {
                return false;
            }
        }
        message.queue.statistics.inFlight.decrementAndGet();
        return true;
    }

    private List<QueuedMessage> takeUnacknowledged() {
        synchronized (unacknowledged) {
            List<QueuedMessage> taken = new ArrayList<>(unacknowledged);
            unacknowledged.clear();
            taken.forEach(m -> m.queue.statistics.inFlight.decrementAndGet());
            return taken;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new BrokerException(BrokerException.Kind.ILLEGAL_STATE, "Session is closed");
        }
    }
}
