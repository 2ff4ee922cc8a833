package org.cairnmq.store;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes that must become durable together, in one database transaction.
 *
 * <p>An insert is either claimed by the writing broker (it keeps the message in memory and dispatches
 * it) or left unclaimed (the broker keeps only the row, and a later {@link MessageStore#claim} loads it).
 */
public final class StoreBatch {
    private final List<StoredMessage> inserts = new ArrayList<>();
    private final BitSet unclaimed = new BitSet();
    private final List<Long> deletes = new ArrayList<>();
    private final Map<Long, Integer> deliveryCounts = new LinkedHashMap<>();

    /** Inserts a message the writing broker keeps in memory and dispatches itself. */
    public StoreBatch insert(StoredMessage message) {
        inserts.add(message);
        return this;
    }

    /** Inserts a message that only the store keeps until a broker claims it. */
    public StoreBatch insertUnclaimed(StoredMessage message) {
        unclaimed.set(inserts.size());
        inserts.add(message);
        return this;
    }

    /** Records how many delivery attempts a stored message has had, so that a restart counts them. */
    public StoreBatch deliveryCount(long messageId, int attempts) {
        deliveryCounts.put(messageId, attempts);
        return this;
    }

    public StoreBatch delete(long messageId) {
        deletes.add(messageId);
        return this;
    }

    /** Adds another batch's writes after this one's, keeping its inserts in order. */
    public StoreBatch append(StoreBatch other) {
        for (int i = 0; i < other.inserts.size(); i++) {
            if (other.isClaimed(i)) {
                insert(other.inserts.get(i));
            } else {
                insertUnclaimed(other.inserts.get(i));
            }
        }
        deletes.addAll(other.deletes);
        deliveryCounts.putAll(other.deliveryCounts);
        return this;
    }

    public List<StoredMessage> inserts() {
        return inserts;
    }

    /** Whether the insert at this index is claimed by the writing broker. */
    public boolean isClaimed(int insertIndex) {
        return !unclaimed.get(insertIndex);
    }

    public List<Long> deletes() {
        return deletes;
    }

    /** Delivery attempts to record, by message id. */
    public Map<Long, Integer> deliveryCounts() {
        return deliveryCounts;
    }

    public boolean isEmpty() {
        return inserts.isEmpty() && deletes.isEmpty() && deliveryCounts.isEmpty();
    }
}
