package org.cairnmq.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Whether the store is answering. The first failure of an outage is told to every connection that listens
 * (once per outage, on the delivery threads, never on the failing caller's thread); the outage ends at the
 * next store call that succeeds (the broker's probe, every {@link Broker#STORE_RETRY_MILLIS}). During an
 * outage, calls wait, for a bound, for the store to answer again, rather than each trying it and waiting out
 * its own pool timeout or adding its own failure to the log.
 */
final class StoreHealth {
    private static final Logger LOG = Logger.getLogger(StoreHealth.class.getName());
    private final Executor notifier;
    private final AtomicBoolean down = new AtomicBoolean();
    // The failure that started the outage under way: the cause of the calls that fail at once.
    private volatile BrokerException outage;
    // Notified when an outage ends: the calls waiting for the store.
    private final Object answered = new Object();
    private final Map<Object, Consumer<BrokerException>> listeners = new ConcurrentHashMap<>();
    private final Runnable onOutage;
    // Guarded by itself: what waits for the store to answer again (listeners that paused).
    private final java.util.List<Runnable> waiting = new java.util.ArrayList<>();

    /**
     * @param notifier runs the listeners
     * @param onOutage called once at the start of each outage (the broker starts probing the store)
     */
    StoreHealth(Executor notifier, Runnable onOutage) {
        this.notifier = notifier;
        this.onOutage = onOutage;
    }

    /** Tells {@code listener} of each outage until {@link #forget}. */
    void listen(Object owner, Consumer<BrokerException> listener) {
        listeners.put(owner, listener);
    }

    void forget(Object owner) {
        listeners.remove(owner);
    }

    boolean isDown() {
        return down.get();
    }

    /** A store call failed: starts an outage if none is under way. */
    void failed(BrokerException failure) {
        if (!down.compareAndSet(false, true)) {
            return;
        }
        outage = failure;
        LOG.warning("CAIRN-ENGINE-030 The store failed; sends and acknowledgements fail until it answers again: "
                + failure.getMessage());
        for (Consumer<BrokerException> listener : listeners.values()) {
            try {
                notifier.execute(() -> listener.accept(failure));
            } catch (RejectedExecutionException closing) {
                return;
            }
        }
        onOutage.run();
    }

    /**
     * During an outage, waits until the store answers again, for at most {@code timeoutMillis}; an
     * interrupt ends the wait (the interrupt is kept).
     *
     * @return whether the store answers
     */
    boolean awaitAnswering(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (answered) {
            while (down.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(answered, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** What a call meets when the store stays down while it waits. */
    BrokerException unavailable() {
        BrokerException cause = outage;
        return new BrokerException(BrokerException.Kind.RESOURCE, "The store is unavailable (CAIRN-ENGINE-030"
                + (cause == null ? "" : ": " + cause.getMessage()) + "); nothing was written", cause);
    }

    /**
     * During an outage, keeps {@code resume} to run (on the notifier) when the store answers again.
     *
     * @return whether it was kept; {@code false} when the store is not known to be down
     */
    boolean resumeWhenAnswering(Runnable resume) {
        if (!down.get()) {
            return false; // the usual case, asked on every listener delivery: no lock taken
        }
        synchronized (waiting) {
            if (!down.get()) {
                return false;
            }
            waiting.add(resume);
            return true;
        }
    }

    /** A store call succeeded: an outage under way is over, and what waited for it resumes. */
    void succeeded() {
        if (down.get() && down.compareAndSet(true, false)) {
            LOG.info("CAIRN-ENGINE-031 The store answers again");
            synchronized (answered) {
                answered.notifyAll();
            }
            java.util.List<Runnable> resumed;
            synchronized (waiting) {
                resumed = new java.util.ArrayList<>(waiting);
                waiting.clear();
            }
            for (Runnable resume : resumed) {
                try {
                    notifier.execute(resume);
                } catch (RejectedExecutionException closing) {
                    return;
                }
            }
        }
    }
}
