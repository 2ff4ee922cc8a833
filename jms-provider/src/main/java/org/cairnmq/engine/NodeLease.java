package org.cairnmq.engine;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredQueue;

/**
 * This broker's membership of its store: it joins under its node name at start (taking over the claims of
 * the instance that last ran under that name), renews its lease every third of it on a thread and a
 * database connection of its own, and leaves at close. After each renewal it takes over, on another
 * thread, the messages of instances whose lease ran out.
 *
 * <p>The claims hold only while the lease does. This broker counts its lease from the moment it asked
 * for the renewal, less a tenth for clock drift: by its own count the lease ends before the database's
 * (which counts from when it wrote the renewal), so it stops dispatching what it holds before another
 * node can take it over. A renewal that finds this instance's row gone means another node did take it
 * over: every claim made so far is void ({@link #epoch} moves on) and the broker joins again.
 */
final class NodeLease implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NodeLease.class.getName());

    /** What the broker does when the lease changes hands. */
    interface Holder {
        /** Queues whose messages expired instances held: they can be claimed now. */
        void orphaned(List<StoredQueue> queues);

        /** The lease was lost and joined again: what was claimed before is another node's to deliver. */
        void claimsVoided();

        /** The lease holds again after it could not be renewed in time: dispatching may go on. */
        void claimsHeldAgain();

        /** After each renewal: how many other nodes hold a live lease on the store. */
        void otherNodes(int others);
    }

    private final MessageStore store;
    private final String nodeName;
    private final long leaseMillis;
    private final IntSupplier consumers;
    private Holder holder;
    private final ScheduledExecutorService renewals = daemonThread("cairn-node-lease");
    private final ScheduledExecutorService takeovers = daemonThread("cairn-node-takeover");
    private volatile long heldUntilNanos;
    private volatile int epoch;
    private volatile boolean paused; // tests: renewals stop, as in a long pause of this process

    /** @param consumers how many consumers this broker has, recorded with each renewal */
    NodeLease(MessageStore store, String nodeName, long leaseMillis, IntSupplier consumers) {
        this.store = store;
        this.nodeName = nodeName;
        this.leaseMillis = leaseMillis;
        this.consumers = consumers;
    }

    private static ScheduledExecutorService daemonThread(String name) {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return thread;
    }

    void join() {
        long asked = System.nanoTime();
        store.joinAsNode(nodeName, leaseMillis);
        heldUntil(asked);
    }

    /** Tells the holder at once how many other nodes there are, then renews every third of the lease. */
    void keep(Holder holder) {
        this.holder = holder;
        countOthers();
        long period = Math.max(1, leaseMillis / 3);
        renewals.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Whether this broker's claims hold now: it may dispatch the messages it holds. */
    boolean holdsClaims() {
        return System.nanoTime() - heldUntilNanos < 0;
    }

    /** Which claims are this broker's: messages claimed under an earlier epoch are no longer its own. */
    int epoch() {
        return epoch;
    }

    /** Tests: renewals stop (or go on), as if this process were paused; the lease runs out. */
    void pauseRenewals(boolean pause) {
        paused = pause;
    }

    private void heldUntil(long askedNanos) {
        heldUntilNanos = askedNanos + TimeUnit.MILLISECONDS.toNanos(leaseMillis - leaseMillis / 10);
    }

    private void renew() {
        if (paused) {
            return;
        }
        boolean heldBefore = holdsClaims();
        long asked = System.nanoTime();
        try {
            if (store.renewLease(leaseMillis, consumers.getAsInt())) {
                heldUntil(asked);
                if (!heldBefore) {
                    LOG.warning("CAIRN-ENGINE-040 This broker's lease was renewed late; it dispatches again");
                    holder.claimsHeldAgain();
                }
            } else {
                rejoin();
            }
        } catch (StoreException e) {
            LOG.warning("CAIRN-ENGINE-041 Could not renew this broker's lease: " + e.getMessage()
                    + (holdsClaims() ? "" : "; it has run out, and this broker dispatches nothing it holds"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Renewing this broker's lease failed", e);
        }
        countOthers();
        takeovers.execute(this::takeOver);
    }

    private void countOthers() {
        try {
            holder.otherNodes(store.otherNodes());
        } catch (StoreException e) {
            LOG.fine("Could not count the other nodes: " + e.getMessage());
        }
    }

    private void rejoin() {
        epoch++;
        LOG.warning("CAIRN-ENGINE-042 This broker's lease ran out and another node took over the messages it held; "
                + "it gives them up and joins again as node " + nodeName);
        holder.claimsVoided();
        join();
        holder.claimsHeldAgain();
    }

    private void takeOver() {
        try {
            List<StoredQueue> orphaned = store.takeOverExpired();
            if (!orphaned.isEmpty()) {
                LOG.info("CAIRN-ENGINE-043 Took over the messages of a node whose lease ran out, in " + orphaned.size()
                        + " queue(s)");
                holder.orphaned(orphaned);
            }
        } catch (RuntimeException e) {
            LOG.warning("Could not take over the messages of expired nodes; trying again: " + e.getMessage());
        }
    }

    /** Gives up this instance's claims: another instance sharing the store may take its messages at once. */
    @Override
    public void close() {
        renewals.shutdown();
        takeovers.shutdown();
        try {
            renewals.awaitTermination(10, TimeUnit.SECONDS);
            takeovers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.leave();
        } catch (StoreException e) {
            LOG.warning("Could not give up this broker's claims; they end with its lease: " + e.getMessage());
        }
    }
}
