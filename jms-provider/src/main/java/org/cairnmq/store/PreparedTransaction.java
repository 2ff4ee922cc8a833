package org.cairnmq.store;

import java.util.List;

/**
 * A prepared XA transaction branch as the store keeps it until its outcome: the messages it sends (not
 * visible to {@link MessageStore#loadAll()}) and the ids of the messages it acknowledges.
 */
public record PreparedTransaction(StoredXid xid, List<StoredMessage> sends, List<Long> acknowledged) {
}
