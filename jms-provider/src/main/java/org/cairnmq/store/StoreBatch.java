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
 *
 * <p>The store gives the inserts their ids at the first attempt to write the batch, and the batch keeps
 * them: an attempt after a failure that may have committed (an ambiguous commit) writes the same ids, and
 * the store skips the rows that are there already, so that no message is stored twice. A batch made by
 * {@link #append}ing others hands the ids it is given on to them, so that each can be written alone with
 * the same ids after a failed group.
 */
public final class StoreBatch {
    private final List<StoredMessage> inserts = new ArrayList<>();
    private final BitSet unclaimed = new BitSet();
    private final List<Long> deletes = new ArrayList<>();
    private final Map<Long, Integer> deliveryCounts = new LinkedHashMap<>();
    private final List<StoreBatch> parts = new ArrayList<>();
    private long[] ids;

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

    /**
     * Adds another batch's writes after this one's, keeping its inserts in order. Ids later given to this
     * batch's inserts are given to the other's too.
     */
    public StoreBatch append(StoreBatch other) {
        if (ids != null) {
            throw new IllegalStateException("The batch has been written already");
        }
        if (inserts.isEmpty() && deletes.isEmpty() && deliveryCounts.isEmpty() || !parts.isEmpty()) {
            parts.add(other);
        } else {
            throw new IllegalStateException("Only a batch made of appended batches can append another");
        }
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

    /**
     * The ids an earlier attempt to write this batch gave its inserts, in order; {@code null} before the
     * first attempt. Once given, a store writes the inserts with these ids and no others.
     */
    public long[] ids() {
        if (ids == null && !parts.isEmpty() && parts.stream().allMatch(p -> p.ids() != null)) {
            return parts.stream().flatMapToLong(p -> java.util.Arrays.stream(p.ids())).toArray();
        }
        return ids;
    }

    /** Gives the inserts their ids (the store does, at the first attempt to write the batch). */
    public void assignIds(long[] given) {
        if (given.length != inserts.size()) {
            throw new IllegalArgumentException(given.length + " ids for " + inserts.size() + " inserts");
        }
        ids = given.clone();
        int from = 0;
        for (StoreBatch part : parts) {
            int to = from + part.inserts.size();
            part.assignIds(java.util.Arrays.copyOfRange(given, from, to));
            from = to;
        }
    }

    public boolean isEmpty() {
        return inserts.isEmpty() && deletes.isEmpty() && deliveryCounts.isEmpty();
    }
}
