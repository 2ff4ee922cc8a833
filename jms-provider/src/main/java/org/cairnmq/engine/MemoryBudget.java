package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Admits sends against the memory limits of {@link FlowControl}: each message copy that cannot page is
 * charged to its queue (or subscription) and to the broker before the store write, and given back when
 * the copy leaves memory. A send that does not fit waits (policy BLOCK, bounded, interruptible, holding
 * no lock but this budget's own while it checks) or fails at once (FAIL).
 */
final class MemoryBudget {
    private static final Logger LOG = Logger.getLogger(MemoryBudget.class.getName());
    /** Below this share of a limit, a limit reported as reached is reported as having room again. */
    private static final double ROOM_AGAIN = 0.9;

    private final FlowControl settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    // Guarded by lock.
    private Map<String, FlowControl.DestinationLimit> operatorLimits = Map.of();
    private int operatorLimitsVersion;
    private long used;
    private int blocked;
    private boolean brokerReported;
    private boolean closed;

    /** What one queue or subscription holds against its limit; every field guarded by the budget's lock. */
    static final class Usage {
        private long used;
        // Resolved on first use, again after operators changed their limits: the name never changes.
        private FlowControl.DestinationLimit limit;
        private int limitVersion;
        private String destination;
        private String name;
        private boolean reported;
    }

    MemoryBudget(FlowControl settings) {
        this.settings = settings;
    }

    /** The estimated bytes one queue, subscription or topic's pending sends hold now, for the operator. */
    long bytesUsedBy(Usage usage) {
        lock.lock();
        try {
            return usage.used;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Charges the copies of one unit of work, all or none.
     *
     * @param bytes  the size of each target's copy, {@code 0} for copies that are not counted (they page)
     * @param forced whether to charge without checking the limits (the broker's own moves: a dead-letter copy
     *               must land)
     * @return the charge of each target, {@code null} where nothing was charged
     * @throws BrokerException {@code RESOURCE_ALLOCATION} when the work does not fit and its policy is FAIL,
     *                         when a blocked send found no room in time or was interrupted (the interrupt
     *                         stays set), or when the work is larger than a limit
     */
    MemoryCharge[] admit(List<QueueDestination> targets, long[] bytes, boolean forced) {
        Map<Usage, Long> needs = new IdentityHashMap<>();
        long total = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] > 0) {
                needs.merge(targets.get(i).memory, bytes[i], Long::sum);
                total += bytes[i];
            }
        }
        if (total == 0) {
            return new MemoryCharge[bytes.length];
        }
        lock.lock();
        try {
            for (QueueDestination target : targets) {
                resolve(target.memory, label(target), target.name());
            }
        } finally {
            lock.unlock();
        }
        take(needs, total, forced);
        MemoryCharge[] charges = new MemoryCharge[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] > 0) {
                charges[i] = new MemoryCharge(this, targets.get(i).memory, bytes[i]);
            }
        }
        return charges;
    }

    /**
     * Charges one copy if it fits now, never waiting: for a copy that can page instead (a persistent
     * message to a durable queue that waits for its delivery time).
     *
     * @return the charge, or {@code null} when it does not fit
     */
    MemoryCharge tryAdmit(QueueDestination target, long bytes) {
        Map<Usage, Long> needs = Map.of(target.memory, bytes);
        lock.lock();
        try {
            resolve(target.memory, label(target), target.name());
            if (shortOf(needs, bytes, null) != null) {
                return null;
            }
            used += bytes;
            target.memory.used += bytes;
        } finally {
            lock.unlock();
        }
        return new MemoryCharge(this, target.memory, bytes);
    }

    /**
     * Charges one send that a local transaction holds until it commits: to its queue, or for a topic to the
     * topic's own usage (routing charges each subscription's copy at commit).
     */
    MemoryCharge admitPending(Usage usage, String label, String destination, long bytes) {
        lock.lock();
        try {
            resolve(usage, label, destination);
        } finally {
            lock.unlock();
        }
        Map<Usage, Long> needs = new IdentityHashMap<>();
        needs.put(usage, bytes);
        take(needs, bytes, false);
        return new MemoryCharge(this, usage, bytes);
    }

    private void take(Map<Usage, Long> needs, long total, boolean forced) {
        List<String> notices = new ArrayList<>();
        lock.lock();
        try {
            if (!forced) {
                awaitRoom(needs, total, notices);
            }
            used += total;
            needs.forEach((usage, need) -> usage.used += need);
        } finally {
            lock.unlock();
            notices.forEach(LOG::warning);
        }
    }

    /** Lock held. Returns once the needs fit, else throws. */
    private void awaitRoom(Map<Usage, Long> needs, long total, List<String> notices) {
        if (total > settings.brokerLimitBytes()) {
            throw refused("The message(s) need " + total + " bytes, more than the broker's memory limit of "
                    + settings.brokerLimitBytes());
        }
        boolean failAtOnce = false;
        for (Map.Entry<Usage, Long> need : needs.entrySet()) {
            Usage usage = need.getKey();
            if (need.getValue() > usage.limit.limitBytes()) {
                throw refused("The message(s) need " + need.getValue() + " bytes, more than the memory limit of "
                        + usage.name + " (" + usage.limit.limitBytes() + " bytes)");
            }
            failAtOnce |= usage.limit.policy() == FlowControl.OverflowPolicy.FAIL;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.blockMillis());
        String shortOf;
        while ((shortOf = shortOf(needs, total, notices)) != null) {
            if (closed) {
                throw refused("The broker is closing: " + shortOf);
            }
            if (failAtOnce) {
                throw refused(shortOf + "; the send is refused");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw refused(shortOf + "; no room came within " + settings.blockMillis() + " ms");
            }
            blocked++;
            try {
                freed.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused("Interrupted while waiting for memory: " + shortOf);
            } finally {
                blocked--;
            }
        }
    }

    /**
     * Lock held. What keeps the needs from fitting, or {@code null} when they fit; adds a notice of a limit
     * newly reached to {@code notices} unless it is {@code null} (the copy pages: nobody waits or fails).
     */
    private String shortOf(Map<Usage, Long> needs, long total, List<String> notices) {
        for (Map.Entry<Usage, Long> need : needs.entrySet()) {
            Usage usage = need.getKey();
            refreshLimit(usage); // a blocked send sees a limit an operator raised while it waited
            long limit = usage.limit.limitBytes();
            if (usage.used + need.getValue() > limit) {
                if (notices != null && !usage.reported) {
                    usage.reported = true;
                    notices.add("CAIRN-FLOW-001 " + usage.name + " holds " + usage.used + " of its " + limit
                            + " bytes of memory; sends to it " + consequence(usage.limit.policy())
                            + " until consumers free room");
                }
                return usage.name + " holds " + usage.used + " of its " + limit + " bytes of memory";
            }
        }
        if (used + total > settings.brokerLimitBytes()) {
            if (notices != null && !brokerReported) {
                brokerReported = true;
                notices.add("CAIRN-FLOW-002 The broker holds " + used + " of its " + settings.brokerLimitBytes()
                        + " bytes of memory for messages that cannot page; sends that need more wait or fail"
                        + " until consumers free room");
            }
            return "the broker holds " + used + " of its " + settings.brokerLimitBytes() + " bytes of memory";
        }
        return null;
    }

    private String consequence(FlowControl.OverflowPolicy policy) {
        return policy == FlowControl.OverflowPolicy.FAIL ? "fail"
                : "wait up to " + settings.blockMillis() + " ms (then fail)";
    }

    private static String label(QueueDestination target) {
        boolean topic = target.subscriptionId() != 0 || target.address().kind() == DestinationAddress.Kind.TOPIC;
        return (topic ? "a subscription of topic " : "queue ") + target.name();
    }

    /** Lock held. */
    private void resolve(Usage usage, String label, String destination) {
        if (usage.limit == null) {
            usage.name = label;
            usage.destination = destination;
        }
        refreshLimit(usage);
    }

    /** Lock held. Resolves the usage's limit again when operators changed theirs since. */
    private void refreshLimit(Usage usage) {
        if (usage.limit == null || usage.limitVersion != operatorLimitsVersion) {
            usage.limit = limitOf(usage.destination);
            usage.limitVersion = operatorLimitsVersion;
        }
    }

    /**
     * The limit in force for a destination: the one an operator set on it, else what {@link FlowControl}
     * gives it (its own, its prefix's, or the default).
     */
    FlowControl.DestinationLimit limitOf(String destination) {
        lock.lock();
        try {
            FlowControl.DestinationLimit own = operatorLimits.get(destination);
            return own != null ? own : settings.limitOf(destination);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the limits operators set, by exact destination name. Takes effect with the next send to each
     * destination; sends waiting for room look again, as a higher limit may let them in.
     */
    void setOperatorLimits(Map<String, FlowControl.DestinationLimit> limits) {
        lock.lock();
        try {
            if (!operatorLimits.equals(limits)) {
                operatorLimits = Map.copyOf(limits);
                operatorLimitsVersion++;
                freed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives memory back and wakes blocked sends. */
    void release(Usage usage, long bytes) {
        String notice = null;
        lock.lock();
        try {
            used -= bytes;
            usage.used -= bytes;
            if (usage.reported && usage.used < usage.limit.limitBytes() * ROOM_AGAIN) {
                usage.reported = false;
                notice = "CAIRN-FLOW-003 " + usage.name + " has memory for sends again (" + usage.used + " of "
                        + usage.limit.limitBytes() + " bytes)";
            }
            if (brokerReported && used < settings.brokerLimitBytes() * ROOM_AGAIN) {
                brokerReported = false;
                notice = "CAIRN-FLOW-003 The broker has memory for sends again (" + used + " of "
                        + settings.brokerLimitBytes() + " bytes)";
            }
            if (blocked > 0) {
                freed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (notice != null) {
            LOG.info(notice);
        }
    }

    /** Charges without asking (a charge held again). */
    void charge(Usage usage, long bytes) {
        lock.lock();
        try {
            used += bytes;
            usage.used += bytes;
        } finally {
            lock.unlock();
        }
    }

    /** The broker is closing: sends waiting for room fail now instead of when their wait runs out. */
    void close() {
        lock.lock();
        try {
            closed = true;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes charged across the broker. */
    long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes charged to one queue or subscription. */
    long used(QueueDestination queue) {
        lock.lock();
        try {
            return queue.memory.used;
        } finally {
            lock.unlock();
        }
    }

    /** Sends waiting for room now. */
    int blockedSends() {
        lock.lock();
        try {
            return blocked;
        } finally {
            lock.unlock();
        }
    }

    private static BrokerException refused(String why) {
        return new BrokerException(BrokerException.Kind.RESOURCE_ALLOCATION, why);
    }
}
