package org.cairnmq.engine;

import java.util.concurrent.TimeUnit;
import org.cairnmq.selector.Selector;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A consumer on one queue, either pulled by {@link #receive} or pushing to a {@link DeliveryListener}.
 * It asks its queue for one message at a time, so competing consumers share the load.
 */
public final class EngineConsumer implements Receiver {
    private final EngineSession session;
    private final QueueDestination queue;
    private final Selector selector;
    private final Subscription subscription;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private QueuedMessage arrived;
    private boolean started;
    private boolean closed;
    private DeliveryListener listener;
    private final long createdAt;
    private final java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastDeliveryAt;

    /** @param subscription the topic subscription this consumer reads, or {@code null} for a queue */
    EngineConsumer(EngineSession session, QueueDestination queue, Selector selector, boolean started,
            Subscription subscription) {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
        this.started = started;
        this.subscription = subscription;
        this.createdAt = session.broker().now();
        queue.consumerOpened(this);
    }

    @Override
    public boolean accepts(QueuedMessage message) {
        return selector.matchesEverything()
                || selector.matches(new MessageSelectorFields(message.message(), message.deliveryCount()));
    }

    /**
     * Waits for the next message.
     *
     * @param timeoutMillis how long to wait: {@code 0} not at all, {@link Long#MAX_VALUE} without limit
     * @return the message, now delivered and unacknowledged in this consumer's session, or {@code null} when
     *         the time ran out or the consumer was closed
     */
    public QueuedMessage receive(long timeoutMillis) throws InterruptedException {
        long deadline = timeoutMillis >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (!awaitStarted(deadline)) {
            return null;
        }
        QueuedMessage message = nextUnexpired(deadline);
        if (message != null && isClosed()) {
            queue.giveBack(message);
            return null;
        }
        if (message != null) {
            session.delivered(message);
            countDelivery();
        }
        return message;
    }

    /** Switches to push mode: from now on, messages go to the listener while the consumer is started. */
    public void setListener(DeliveryListener newListener) {
        lock.lock();
        try {
            listener = newListener;
        } finally {
            lock.unlock();
        }
        askForNext();
    }

    @Override
    public void deliver(QueuedMessage message) {
        boolean giveBack = false;
        lock.lock();
        try {
            if (listener == null) {
                if (closed) {
                    giveBack = true; // closed while in line: the message is the next consumer's
                } else {
                    arrived = message;
                    changed.signalAll();
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
        if (giveBack) {
            queue.giveBack(message);
            return;
        }
        session.deliveryThread().execute(() -> push(message));
    }

    void start() {
        lock.lock();
        try {
            started = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        askForNext();
    }

    void stop() {
        lock.lock();
        try {
            started = false;
        } finally {
            lock.unlock();
        }
        if (hasListener()) {
            queue.leaveLine(this);
        }
    }

    /** Closes the consumer; a receive in progress returns {@code null}. Unacknowledged messages stay with the session. */
    public void close() {
        QueuedMessage undelivered;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            undelivered = arrived;
            arrived = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // Out of the waiting line whatever the mode: a receive that ended without taking its message (an
        // interrupt) must not leave the closed consumer in line for the next one.
        queue.leaveLine(this);
        if (undelivered != null) {
            queue.giveBack(undelivered);
        }
        session.forget(this);
        queue.consumerClosed(this);
        if (subscription != null) {
            session.broker().release(subscription);
        }
    }

    private void push(QueuedMessage message) {
        DeliveryListener current;
        lock.lock();
        try {
            current = started && !closed ? listener : null;
        } finally {
            lock.unlock();
        }
        if (current == null) {
            queue.giveBack(message);
            return;
        }
        if (expireIfDue(message)) {
            askForNext();
            return;
        }
        if (session.broker().pauseWhileStoreIsDown(message, this::askForNext)) {
            // Its acknowledgement could not be written: the listener backs off until the store answers.
            queue.giveBack(message);
            return;
        }
        session.delivered(message);
        countDelivery();
        try {
            current.onDelivery(message);
        } finally {
            askForNext();
        }
    }

    private void countDelivery() {
        delivered.incrementAndGet();
        lastDeliveryAt = session.broker().now();
    }

    /** What management shows of this consumer. */
    org.cairnmq.management.ConsumerView view(org.cairnmq.management.DestinationType type, String subscriptionName) {
        long last = lastDeliveryAt == 0 ? createdAt : lastDeliveryAt;
        return new org.cairnmq.management.ConsumerView(queue.name(), type, subscriptionName,
                session.connection().clientId(), session.connection().id(),
                selector.matchesEverything() ? null : selector.text(), hasListener(), delivered.get(),
                session.unacknowledgedCount(), Math.max(0, session.broker().now() - last));
    }

    private void askForNext() {
        if (!hasListener() || !isStartedAndOpen()) {
            return;
        }
        QueuedMessage next = queue.takeOrWait(this);
        if (next != null) {
            deliver(next);
        }
    }

    private QueuedMessage nextUnexpired(long deadline) throws InterruptedException {
        while (true) {
            QueuedMessage message = queue.takeOrWait(this);
            if (message == null) {
                message = awaitArrival(deadline);
            }
            if (message == null || !expireIfDue(message)) {
                return message;
            }
        }
    }

    /** Expired messages are never delivered: they go to the expiry queue instead. */
    private boolean expireIfDue(QueuedMessage message) {
        long expiration = message.message().headers().expiration();
        if (expiration == 0 || expiration > session.broker().now()) {
            return false;
        }
        session.broker().expire(message);
        return true;
    }

    private boolean awaitStarted(long deadline) throws InterruptedException {
        lock.lock();
        try {
            while (!started && !closed) {
                if (!awaitUntil(deadline)) {
                    return false;
                }
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    private QueuedMessage awaitArrival(long deadline) throws InterruptedException {
        QueuedMessage onItsWay;
        InterruptedException interrupt;
        lock.lock();
        try {
            try {
                while (arrived == null && !closed && awaitUntil(deadline)) {
                    // waiting for deliver() or close()
                }
                return leaveLineOrTake();
            } catch (InterruptedException e) {
                // The receive ends: out of line, and a message already on its way goes back to the queue.
                onItsWay = leaveLineOrTake();
                interrupt = e;
            }
        } finally {
            lock.unlock();
        }
        if (onItsWay != null) {
            queue.giveBack(onItsWay); // outside the lock: it may be handed to another consumer at once
        }
        throw interrupt;
    }

    /** Lock held: the message handed to this consumer, or, if none is on its way, out of the line. */
    private QueuedMessage leaveLineOrTake() {
        if (arrived == null && !queue.leaveLine(this)) {
            // A message is already on its way to us: take it, then decide what to do with it.
            while (arrived == null && !closed) {
                changed.awaitUninterruptibly();
            }
        }
        QueuedMessage message = arrived;
        arrived = null;
        return message;
    }

    /** @return {@code false} once the deadline has passed */
    private boolean awaitUntil(long deadline) throws InterruptedException {
        if (deadline == Long.MAX_VALUE) {
            changed.await();
            return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        changed.awaitNanos(left);
        return true;
    }

    private boolean hasListener() {
        lock.lock();
        try {
            return listener != null;
        } finally {
            lock.unlock();
        }
    }

    private boolean isStartedAndOpen() {
        lock.lock();
        try {
            return started && !closed;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
