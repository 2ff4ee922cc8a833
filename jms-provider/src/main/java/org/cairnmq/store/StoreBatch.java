package org.cairnmq.store;

import java.util.ArrayList;
import java.util.List;

/** Writes that must become durable together, in one database transaction. */
public final class StoreBatch {
    private final List<StoredMessage> inserts = new ArrayList<>();
    private final List<Long> deletes = new ArrayList<>();

    public StoreBatch insert(StoredMessage message) {
        inserts.add(message);
        return this;
    }

    public StoreBatch delete(long messageId) {
        deletes.add(messageId);
        return this;
    }

    public List<StoredMessage> inserts() {
        return inserts;
    }

    public List<Long> deletes() {
        return deletes;
    }

    public boolean isEmpty() {
        return inserts.isEmpty() && deletes.isEmpty();
    }
}
