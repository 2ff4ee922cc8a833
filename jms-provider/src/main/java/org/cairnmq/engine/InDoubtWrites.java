package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cairnmq.store.StoredMessage;

/**
 * Messages whose write failed in a way that may have committed all the same (the connection broke during
 * the commit). Their senders were told the send failed; if a row is there once the store answers again, the
 * message was sent after all, and it is made deliverable then, so that it does not wait for a restart.
 * Inserts written claimed by this broker are only its own to take; those written unclaimed (to a paged
 * queue) are taken only if no page load took them meanwhile.
 */
final class InDoubtWrites {
    // Guarded by this: the queue of each insert in doubt, by its id.
    private final Map<Long, QueueDestination> claimed = new HashMap<>();
    private final Map<Long, QueueDestination> unclaimed = new HashMap<>();

    synchronized void add(List<Long> claimedIds, List<QueueDestination> claimedQueues, List<Long> unclaimedIds,
            List<QueueDestination> unclaimedQueues) {
        for (int i = 0; i < claimedIds.size(); i++) {
            claimed.put(claimedIds.get(i), claimedQueues.get(i));
        }
        for (int i = 0; i < unclaimedIds.size(); i++) {
            unclaimed.put(unclaimedIds.get(i), unclaimedQueues.get(i));
        }
    }

    synchronized int size() {
        return claimed.size() + unclaimed.size();
    }

    synchronized boolean isEmpty() {
        return claimed.isEmpty() && unclaimed.isEmpty();
    }

    synchronized List<Long> claimedIds() {
        return new ArrayList<>(claimed.keySet());
    }

    synchronized List<Long> unclaimedIds() {
        return new ArrayList<>(unclaimed.keySet());
    }

    /**
     * The store answered for these ids: those found were written, and are returned with their queue; every
     * id asked about is settled.
     */
    synchronized Map<StoredMessage, QueueDestination> settle(List<Long> askedClaimed, List<Long> askedUnclaimed,
            List<StoredMessage> found) {
        Map<StoredMessage, QueueDestination> written = new LinkedHashMap<>();
        for (StoredMessage stored : found) {
            QueueDestination queue = claimed.containsKey(stored.id()) ? claimed.get(stored.id())
                    : unclaimed.get(stored.id());
            if (queue != null) {
                written.put(stored, queue);
            }
        }
        askedClaimed.forEach(claimed::remove);
        askedUnclaimed.forEach(unclaimed::remove);
        return written;
    }
}
