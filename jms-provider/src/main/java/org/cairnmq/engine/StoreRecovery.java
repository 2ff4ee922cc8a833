package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMessage;

/**
 * The broker's side of a failing store. Every store call goes through {@link #call}, which turns a store
 * failure into the engine's error and, when the store is unavailable ({@link StoreException#isUnavailable}),
 * tells {@link StoreHealth} (one outage, told once). While the store is
 * down, or sends are in doubt ({@link InDoubtWrites}), it probes the store every
 * {@link Broker#STORE_RETRY_MILLIS}; once the store answers, the sends in doubt that did commit are handed
 * back to be delivered, and the listeners that paused resume. Nothing of it waits for a restart.
 */
final class StoreRecovery {
    private static final Logger LOG = Logger.getLogger(StoreRecovery.class.getName());
    /** How long a store call waits for the store to answer again during an outage, unless set otherwise. */
    static final long OUTAGE_WAIT_MILLIS = Long.getLong("cairn.store.outageWaitMillis", 5_000);

    private final MessageStore store;
    private final DeliveryScheduler scheduler;
    private final LongSupplier now;
    private final long leaseMillis;
    private final long outageWaitMillis;
    private final StoreHealth health;
    private final InDoubtWrites inDoubt = new InDoubtWrites();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final BiConsumer<StoredMessage, QueueDestination> deliverFound;

    /**
     * @param notifier     runs the outage listeners and what resumes after an outage
     * @param leaseMillis  the probe renews the broker's lease for this long (harmless, and a real write)
     * @param deliverFound makes a send found committed after all deliverable on its queue
     */
    StoreRecovery(MessageStore store, DeliveryScheduler scheduler, LongSupplier now, long leaseMillis,
            Executor notifier, BiConsumer<StoredMessage, QueueDestination> deliverFound) {
        this(store, scheduler, now, leaseMillis, OUTAGE_WAIT_MILLIS, notifier, deliverFound);
    }

    /** @param outageWaitMillis how long a call waits for the store to answer again during an outage */
    StoreRecovery(MessageStore store, DeliveryScheduler scheduler, LongSupplier now, long leaseMillis,
            long outageWaitMillis, Executor notifier, BiConsumer<StoredMessage, QueueDestination> deliverFound) {
        this.outageWaitMillis = outageWaitMillis;
        this.store = store;
        this.scheduler = scheduler;
        this.now = now;
        this.leaseMillis = leaseMillis;
        this.deliverFound = deliverFound;
        this.health = new StoreHealth(notifier, this::probeLater);
    }

    /**
     * A store call; its failure becomes the engine's error and starts an outage (see {@link StoreHealth}).
     * While the store is known to be down, the call waits up to {@link #OUTAGE_WAIT_MILLIS} for the probe to
     * find it answering, then fails without having tried it.
     */
    <T> T call(Supplier<T> call) {
        if (health.isDown() && !health.awaitAnswering(outageWaitMillis)) {
            throw health.unavailable();
        }
        return attempt(call);
    }

    private <T> T attempt(Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (StoreException e) {
            BrokerException failure = new BrokerException(BrokerException.Kind.RESOURCE, e.getMessage(), e);
            if (e.isUnavailable()) {
                health.failed(failure); // a statement refused for its content is no outage
            }
            throw failure;
        } catch (BrokerException e) {
            if (e.kind() == BrokerException.Kind.RESOURCE) {
                health.failed(e); // the write waited too long for the store
            }
            throw e;
        }
        health.succeeded();
        return result;
    }

    /**
     * Inserts of failed work that reached the store and may have committed: looked for once it answers.
     * Those written claimed are this broker's alone; those written unclaimed (to a paged queue) are taken
     * only if no page load took them meanwhile.
     */
    void inDoubt(List<Long> claimedIds, List<QueueDestination> claimed, List<Long> unclaimedIds,
            List<QueueDestination> unclaimed) {
        inDoubt.add(claimedIds, claimed, unclaimedIds, unclaimed);
        probeLater();
    }

    /**
     * Whether a batch whose commit failed was committed all the same: its inserts are in the store, or the
     * rows it deleted are gone (one transaction did both or neither). A batch that never reached the store
     * (it was given no ids) was not committed.
     *
     * @throws BrokerException when the store cannot answer
     */
    boolean committed(StoreBatch batch) {
        long[] ids = batch.ids();
        if (ids == null) {
            return false;
        }
        List<Long> asked = new ArrayList<>(ids.length + batch.deletes().size());
        Arrays.stream(ids).forEach(asked::add);
        asked.addAll(batch.deletes());
        if (asked.isEmpty()) {
            return false;
        }
        Set<Long> present = call(() -> store.presentIds(asked));
        return Arrays.stream(ids).anyMatch(present::contains) || !present.containsAll(batch.deletes());
    }

    int sendsInDoubt() {
        return inDoubt.size();
    }

    /**
     * While the store is down, keeps {@code resume} until it answers.
     *
     * @return whether it was kept (the caller waits); {@code false} when the store is not known to be down
     */
    boolean resumeWhenAnswering(Runnable resume) {
        return health.resumeWhenAnswering(resume);
    }

    /** Tells the listener of each store outage (once per outage) until the owner is forgotten. */
    void listen(Object owner, Consumer<BrokerException> listener) {
        health.listen(owner, listener);
    }

    void forget(Object owner) {
        health.forget(owner);
    }

    /** While the store fails or writes are in doubt: looks again after {@link Broker#STORE_RETRY_MILLIS}. */
    private void probeLater() {
        if (probing.compareAndSet(false, true)) {
            scheduler.at(now.getAsLong() + Broker.STORE_RETRY_MILLIS, this::probe);
        }
    }

    /** Asks the store whether it answers (renewing the lease) and settles the writes in doubt. */
    private void probe() {
        probing.set(false);
        try {
            store.renewLease(leaseMillis, -1); // a lost lease is the lease's business, not an outage
            health.succeeded();
            settleInDoubt();
        } catch (StoreException | BrokerException e) {
            health.failed(e instanceof BrokerException b ? b
                    : new BrokerException(BrokerException.Kind.RESOURCE, e.getMessage(), e));
        }
        if (health.isDown() || !inDoubt.isEmpty()) {
            probeLater();
        }
    }

    private void settleInDoubt() {
        List<Long> claimed = inDoubt.claimedIds();
        List<Long> unclaimed = inDoubt.unclaimedIds();
        if (claimed.isEmpty() && unclaimed.isEmpty()) {
            return;
        }
        // Written claimed: only this broker can have them. Written unclaimed: a page load may have taken them.
        List<StoredMessage> found = new ArrayList<>(claimed.isEmpty() ? List.of() : store.claimById(claimed));
        if (!unclaimed.isEmpty()) {
            found.addAll(store.claimFree(unclaimed));
        }
        Map<StoredMessage, QueueDestination> written = inDoubt.settle(claimed, unclaimed, found);
        if (!written.isEmpty()) {
            LOG.warning("CAIRN-ENGINE-032 " + written.size() + " message(s) whose senders were told the send failed "
                    + "had been stored after all; they are delivered now");
        }
        written.forEach(deliverFound);
    }
}
