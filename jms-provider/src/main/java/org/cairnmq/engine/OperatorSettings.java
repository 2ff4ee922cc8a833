package org.cairnmq.engine;

import org.cairnmq.destination.DestinationNames;
import org.cairnmq.destination.DeliveryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;
import org.cairnmq.store.DestinationSettings;
import org.cairnmq.store.DestinationSettingsStore;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMemoryLimit;
import org.cairnmq.store.StoredDestination;
import org.cairnmq.store.StoredPolicy;

/**
 * What operators set on destinations: the queues and topics they created and the destinations' own
 * delivery policies and memory limits (handed to the {@link MemoryBudget} as they change). Each change is
 * written to the store first and takes effect in memory only once it committed, so a store failure leaves
 * nothing half-applied. Restored at start; read again periodically to
 * take in what other broker instances sharing the store changed. Without a settings store (a store that
 * keeps none), the settings live in memory only.
 */
final class OperatorSettings {
    private static final Logger LOG = Logger.getLogger(OperatorSettings.class.getName());

    private final Broker broker;
    private final DestinationSettingsStore store; // null: memory only
    private final ConcurrentMap<String, DeliveryPolicy> policies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, FlowControl.DestinationLimit> memoryLimits = new ConcurrentHashMap<>();
    // Destinations recorded in the store at the last read or write: one that leaves it was deleted elsewhere.
    private final Set<StoredDestination> recorded = new HashSet<>();
    // Store write and memory update happen under it together, so a re-read never undoes a newer change.
    private final Object lock = new Object();

    OperatorSettings(Broker broker, DestinationSettingsStore store) {
        this.broker = broker;
        this.store = store;
    }

    /** The destination's own policy; {@code null} when it has none. */
    DeliveryPolicy policy(String destination) {
        return policies.get(destination);
    }

    /**
     * Sets or ({@code null}) removes a destination's own policy: in the store, then in memory.
     *
     * @throws IllegalArgumentException when the policy dead-letters into the destination itself
     * @throws BrokerException          {@code RESOURCE} when the store failed; nothing changed
     */
    void setPolicy(String destination, DeliveryPolicy policy) {
        if (policy != null && policy.deadLetterQueue().equals(destination)) {
            throw new IllegalArgumentException("The dead-letter queue of " + destination + " cannot be "
                    + destination + " itself: a message that keeps failing would never leave it");
        }
        synchronized (lock) {
            write(() -> {
                if (policy == null) {
                    store.deletePolicy(destination);
                } else {
                    store.savePolicy(stored(destination, policy));
                }
            });
            if (policy == null) {
                policies.remove(destination);
            } else {
                policies.put(destination, policy);
            }
        }
    }

    /** The destination's own memory limit; {@code null} when it has none. */
    FlowControl.DestinationLimit memoryLimit(String destination) {
        return memoryLimits.get(destination);
    }

    /**
     * Sets or ({@code null}) removes a destination's own memory limit: in the store, then in memory and in
     * the broker's memory budget.
     *
     * @throws BrokerException {@code RESOURCE} when the store failed; nothing changed
     */
    void setMemoryLimit(String destination, FlowControl.DestinationLimit limit) {
        synchronized (lock) {
            write(() -> {
                if (limit == null) {
                    store.deleteMemoryLimit(destination);
                } else {
                    store.saveMemoryLimit(new StoredMemoryLimit(destination, limit.limitBytes(), limit.policy().name()));
                }
            });
            if (limit == null) {
                memoryLimits.remove(destination);
            } else {
                memoryLimits.put(destination, limit);
            }
            broker.memory().setOperatorLimits(memoryLimits);
        }
    }

    /** Records a destination an operator created, then makes it in memory. */
    void created(StoredDestination destination, Runnable inMemory) {
        synchronized (lock) {
            write(() -> store.saveDestination(destination));
            recorded.add(destination);
            inMemory.run();
        }
    }

    /**
     * Forgets a deleted destination, and its policy when {@code withPolicy} (not when a destination of the
     * other kind shares its name), in the store; then removes it from memory.
     */
    void deleted(StoredDestination destination, boolean withPolicy, Runnable inMemory) {
        synchronized (lock) {
            write(() -> store.deleteDestination(destination, withPolicy));
            recorded.remove(destination);
            if (withPolicy) {
                policies.remove(destination.name());
                memoryLimits.remove(destination.name());
                broker.memory().setOperatorLimits(memoryLimits);
            }
            inMemory.run();
        }
    }

    /** Reads the stored settings and applies them; at start, a failure fails the start. */
    void restore() {
        if (store != null) {
            synchronized (lock) {
                apply(store.loadSettings());
            }
        }
    }

    /** Reads the stored settings again; a failure is logged and the next read tries again. */
    void reread() {
        if (store == null) {
            return;
        }
        try {
            List<StoredDestination> gone;
            synchronized (lock) {
                gone = apply(store.loadSettings());
            }
            // Outside the lock: forgetting a topic takes the broker's subscription lock, which is taken first.
            gone.forEach(d -> broker.forgetIfUnused(d.topic(), d.name()));
        } catch (RuntimeException e) {
            LOG.warning("CAIRN-SETTINGS-002 Could not read the stored destinations, policies and memory limits again; "
                    + "keeping those known: " + e.getMessage());
        }
    }

    /** Whether the destination is recorded in the store as far as this instance knows. */
    boolean isRecorded(StoredDestination destination) {
        synchronized (lock) {
            return recorded.contains(destination);
        }
    }

    /**
     * Takes in what the store holds: makes the destinations new to it, replaces the policies. Called with
     * the lock held.
     *
     * @return the destinations recorded before and gone from the store since (deleted by another instance)
     */
    private List<StoredDestination> apply(DestinationSettings settings) {
        Set<StoredDestination> now = new HashSet<>();
        for (StoredDestination destination : settings.destinations()) {
            if (DestinationNames.problem("name", destination.name()) != null) {
                LOG.warning("CAIRN-SETTINGS-001 Ignoring stored " + destination.kind() + " with a name the "
                        + "broker refuses: '" + destination.name() + "'");
                continue;
            }
            now.add(destination);
            if (!recorded.contains(destination)) {
                broker.materialize(destination.topic(), destination.name());
            }
        }
        List<StoredDestination> gone = new ArrayList<>();
        for (StoredDestination known : recorded) {
            if (!now.contains(known)) {
                gone.add(known);
            }
        }
        recorded.clear();
        recorded.addAll(now);
        Map<String, DeliveryPolicy> read = new HashMap<>();
        for (StoredPolicy stored : settings.policies()) {
            try {
                read.put(stored.destination(), policy(stored));
            } catch (IllegalArgumentException e) {
                LOG.warning("CAIRN-SETTINGS-001 Ignoring the stored policy of " + stored.destination()
                        + ", which the broker refuses: " + e.getMessage());
            }
        }
        policies.keySet().retainAll(read.keySet());
        policies.putAll(read);
        Map<String, FlowControl.DestinationLimit> limits = new HashMap<>();
        for (StoredMemoryLimit stored : settings.memoryLimits()) {
            try {
                limits.put(stored.destination(), new FlowControl.DestinationLimit(stored.limitBytes(),
                        FlowControl.OverflowPolicy.valueOf(stored.overflowPolicy())));
            } catch (IllegalArgumentException e) {
                LOG.warning("CAIRN-SETTINGS-001 Ignoring the stored memory limit of " + stored.destination()
                        + ", which the broker refuses: " + e.getMessage());
            }
        }
        memoryLimits.keySet().retainAll(limits.keySet());
        memoryLimits.putAll(limits);
        broker.memory().setOperatorLimits(memoryLimits);
        return gone;
    }

    private void write(Runnable storeWrite) {
        if (store == null) {
            return;
        }
        try {
            storeWrite.run();
        } catch (StoreException e) {
            throw new BrokerException(BrokerException.Kind.RESOURCE,
                    "The setting was not changed: the store failed: " + e.getMessage(), e);
        }
    }

    private static StoredPolicy stored(String destination, DeliveryPolicy p) {
        return new StoredPolicy(destination, p.maxDeliveryAttempts(), p.redeliveryDelay().toMillis(),
                p.backOffMultiplier(), p.maxRedeliveryDelay().toMillis(), p.deadLetterQueue(), p.expiryQueue());
    }

    private static DeliveryPolicy policy(StoredPolicy s) {
        return new DeliveryPolicy(s.maxDeliveryAttempts(), Duration.ofMillis(s.redeliveryDelayMillis()),
                s.backOffMultiplier(), Duration.ofMillis(s.maxRedeliveryDelayMillis()), s.deadLetterQueue(),
                s.expiryQueue());
    }
}
