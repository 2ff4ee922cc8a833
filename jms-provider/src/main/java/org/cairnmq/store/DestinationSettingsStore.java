package org.cairnmq.store;

/**
 * Durable home of what operators set on destinations: the queues and topics they created, and the delivery
 * policies and memory limits they gave them. Every broker instance sharing the store reads the same settings.
 *
 * <p>Implementations are thread-safe; every method is one database transaction, blocks until the database
 * has answered, and throws {@link StoreException} when it did not commit (then nothing was written).
 */
public interface DestinationSettingsStore {

    /** Records a destination; recording one that is recorded already changes nothing. */
    void saveDestination(StoredDestination destination);

    /**
     * Forgets a destination.
     *
     * @param withPolicy whether the policy and memory limit kept under its name go too (not when a
     *                   destination of the other kind still has that name and shares them)
     */
    void deleteDestination(StoredDestination destination, boolean withPolicy);

    /** Records a destination's policy, replacing the one it had. */
    void savePolicy(StoredPolicy policy);

    /** Forgets a destination's policy: it goes back to the broker's default. */
    void deletePolicy(String destination);

    /** Records a destination's memory limit, replacing the one it had. */
    void saveMemoryLimit(StoredMemoryLimit limit);

    /** Forgets a destination's memory limit: the broker's configuration applies to it again. */
    void deleteMemoryLimit(String destination);

    /** Every recorded destination, policy and memory limit, in name order. */
    DestinationSettings loadSettings();
}
