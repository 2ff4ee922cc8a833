package org.cairnmq.store;

import java.util.Set;

/**
 * What other broker instances sharing a store committed, as the store hears of it: how a node learns,
 * without polling each queue, that messages it may claim arrived (see {@link MessageStore#listen}).
 * Called on the store's listening thread; implementations return at once.
 */
public interface StoreChanges {
    /**
     * Messages that no instance holds were committed to these queues.
     *
     * @param queues the queues; {@code null} when any queue may have some (the store missed what was said
     *               while it was not listening, or a commit touched too many queues to name them)
     */
    void messagesArrived(Set<StoredQueue> queues);

    /** A durable subscription was created or deleted. */
    void subscriptionsChanged();
}
