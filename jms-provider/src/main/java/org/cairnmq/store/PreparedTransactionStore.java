package org.cairnmq.store;

import java.util.List;

/**
 * Durable state of XA transaction branches between {@code prepare} and their outcome, so that a restarted
 * broker can answer {@code recover()} and then commit or roll back what was prepared.
 *
 * <p>Implementations are thread-safe; every method blocks until the database has answered, and each is
 * one database transaction.
 */
public interface PreparedTransactionStore {

    /**
     * Writes the branch's sends (kept out of {@link MessageStore#loadAll()}) and acknowledgements.
     *
     * @return the ids given to the sends, in order
     * @throws StoreException if it did not commit; then nothing was written
     */
    long[] prepare(StoredXid xid, StoreBatch work);

    /**
     * Makes a prepared branch's sends visible and deletes the messages it acknowledged. The sends are then
     * held by this instance, which delivers them from memory; on a {@link MessageStore#shared} store, by no
     * instance, for any node to claim.
     */
    void commitPrepared(StoredXid xid);

    /** Deletes a prepared branch's sends and forgets its acknowledgements. */
    void rollbackPrepared(StoredXid xid);

    /**
     * Whether the store holds the branch as prepared. After a {@link #commitPrepared} or
     * {@link #rollbackPrepared} that failed, this tells whether it was applied all the same (the branch is
     * gone) or not (still prepared).
     */
    boolean isPrepared(StoredXid xid);

    /** Every prepared branch, with its sends and acknowledged message ids. */
    List<PreparedTransaction> loadPrepared();
}
