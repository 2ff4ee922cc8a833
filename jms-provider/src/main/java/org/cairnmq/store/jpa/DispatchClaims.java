package org.cairnmq.store.jpa;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.cairnmq.store.ScannedMessage;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredNode;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredQueue;

/**
 * Which broker instance dispatches which message: a message row is claimed by the instance that holds it
 * in memory, and an instance's claims hold while its lease in {@code cairn_node} runs. Several instances
 * can share one database: each claims rows no live instance holds, skipping rows another transaction is
 * claiming at the same moment ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL). Each {@link StoreDialect} says
 * which claims its database gets.
 */
class DispatchClaims {
    // A row is free when nobody holds it: the claims of instances whose lease ran out are cleared by
    // takeOverExpired, so the query needs no join with cairn_node. Parameters: ?1 destination, ?2 subscription.
    private static final String CLAIMABLE = "m.destination = ?1 and m.subscription_id = ?2 and m.claimed_by is null "
            + "and m.prepared_tx = 0 and not exists (select 1 from cairn_prepared_ack a where a.message_id = m.id)";
    // Delivery order. Listing the index's leading columns too (fixed by CLAIMABLE) lets H2 read the index
    // cairn_message_dispatch in order and stop at the page's end instead of sorting the whole queue.
    private static final String DELIVERY_ORDER =
            " order by m.destination, m.subscription_id, m.priority desc, m.id fetch first ";

    /** A message row's columns in the order {@link #message} reads them. */
    static final String COLUMNS = "m.id, m.destination, m.subscription_id, m.message_id, m.sent_at, "
            + "m.correlation_id, m.reply_to, m.message_type, m.priority, m.expiration, m.delivery_time, "
            + "m.delivery_count, m.body_type, m.properties, m.body";

    final String rowLock;

    DispatchClaims(String rowLock) {
        this.rowLock = rowLock;
    }

    /**
     * Claims made in a store transaction that then failed: they end (rows claimed in it are back by the
     * rollback already).
     */
    void notTaken(Collection<StoredMessage> claimed) {
    }

    /** After a batch committed ({@code ids} as {@link JpaMessageStore#commit} returns them). */
    void committed(org.cairnmq.store.StoreBatch batch, long[] ids) {
    }

    /** After messages were deleted other than by {@link #committed} (XA outcomes, a subscription's removal). */
    void deleted(java.util.Collection<Long> ids) {
    }

    /** After a subscription and its messages were deleted. */
    void subscriptionDeleted(long subscriptionId) {
    }

    /** The store closes. */
    void close() {
    }

    /**
     * Registers the instance, ending the claims of earlier instances of its node name.
     *
     * @param singleNode whether the database holds one node only: then another node with a live lease is
     *                   refused, before anything is written
     */
    void join(EntityManager em, String instanceId, String nodeName, long leaseMillis, boolean singleNode) {
        if (singleNode) {
            List<?> others = em.createNativeQuery("select node_name from cairn_node where node_name <> ?1 "
                            + "and lease_until > " + NodeTable.DATABASE_NOW)
                    .setParameter(1, nodeName)
                    .getResultList();
            if (!others.isEmpty()) {
                throw new StoreException("Node " + others.get(0) + " already runs on this H2 database: an H2 store "
                        + "holds one node only. To run several nodes on one store, use PostgreSQL (docs/cluster.md).",
                        null);
            }
        }
        em.createNativeQuery("update cairn_message set claimed_by = null where claimed_by in "
                        + "(select instance_id from cairn_node where node_name = ?1)")
                .setParameter(1, nodeName)
                .executeUpdate();
        em.createNativeQuery("delete from cairn_node where node_name = ?1").setParameter(1, nodeName).executeUpdate();
        em.createNativeQuery("insert into cairn_node (instance_id, node_name, lease_until, renewed_at) values (?1, ?2, "
                        + NodeTable.DATABASE_NOW + " + ?3, " + NodeTable.DATABASE_NOW + ")")
                .setParameter(1, instanceId)
                .setParameter(2, nodeName)
                .setParameter(3, leaseMillis)
                .executeUpdate();
    }

    /** The instances other than this one whose lease has run out by the database's clock, locked. */
    List<?> expired(EntityManager em, String instanceId) {
        return em.createNativeQuery("select instance_id from cairn_node where lease_until <= " + NodeTable.DATABASE_NOW
                        + " and instance_id <> ?1" + rowLock)
                .setParameter(1, instanceId)
                .getResultList();
    }

    List<StoredQueue> takeOverExpired(EntityManager em, String instanceId) {
        List<?> expired = expired(em, instanceId);
        if (expired.isEmpty()) {
            return List.of();
        }
        List<StoredQueue> queues = new ArrayList<>();
        for (Object[] row : em.createQuery("select distinct m.destination, m.subscriptionId from MessageEntity m "
                        + "where m.claimedBy in :expired", Object[].class)
                .setParameter("expired", expired)
                .getResultList()) {
            queues.add(new StoredQueue((String) row[0], ((Number) row[1]).longValue()));
        }
        // The instance may have delivered them before it stopped renewing: flagged redelivered where they go next.
        em.createNativeQuery("update cairn_message set claimed_by = null, delivery_count = delivery_count + 1 "
                        + "where claimed_by in (:expired) and prepared_tx = 0")
                .setParameter("expired", expired)
                .executeUpdate();
        em.createNativeQuery("update cairn_message set claimed_by = null where claimed_by in (:expired)")
                .setParameter("expired", expired)
                .executeUpdate();
        em.createNativeQuery("delete from cairn_node where instance_id in (:expired)")
                .setParameter("expired", expired)
                .executeUpdate();
        return queues;
    }

    /** Ends this instance's claims on these rows; returns their queues. */
    java.util.Set<StoredQueue> release(EntityManager em, String instanceId, Collection<Long> ids) {
        java.util.Set<StoredQueue> queues = new java.util.LinkedHashSet<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += JpaMessageStore.DELETE_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + JpaMessageStore.DELETE_CHUNK));
            for (Object[] row : em.createQuery("select distinct m.destination, m.subscriptionId from MessageEntity m "
                            + "where m.id in :ids and m.claimedBy = :me", Object[].class)
                    .setParameter("ids", chunk)
                    .setParameter("me", instanceId)
                    .getResultList()) {
                queues.add(new StoredQueue((String) row[0], ((Number) row[1]).longValue()));
            }
            em.createQuery("update MessageEntity m set m.claimedBy = null where m.id in :ids and m.claimedBy = :me")
                    .setParameter("ids", chunk)
                    .setParameter("me", instanceId)
                    .executeUpdate();
        }
        return queues;
    }

    /**
     * Every registered instance, with how many messages each holds claimed in its rows and the database's
     * clock at the reading (so that whether a lease is live is judged by the clock that set it).
     */
    List<StoredNode> nodes(EntityManager em) {
        List<StoredNode> nodes = new ArrayList<>();
        for (Object row : em.createNativeQuery("select n.instance_id, n.node_name, n.lease_until, n.renewed_at, "
                        + "n.consumers, (select count(*) from cairn_message m where m.claimed_by = n.instance_id), "
                        + NodeTable.DATABASE_NOW + " from cairn_node n order by n.node_name")
                .getResultList()) {
            Object[] r = (Object[]) row;
            nodes.add(new StoredNode((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(), ((Number) r[4]).intValue(), ((Number) r[5]).longValue(),
                    ((Number) r[6]).longValue()));
        }
        return nodes;
    }

    /** The instances whose lease has not run out by the database's clock. */
    static java.util.Set<String> live(EntityManager em) {
        java.util.Set<String> live = new java.util.HashSet<>();
        for (Object id : em.createNativeQuery("select instance_id from cairn_node where lease_until > "
                + NodeTable.DATABASE_NOW).getResultList()) {
            live.add((String) id);
        }
        return live;
    }

    List<StoredMessage> claim(EntityManager em, String instanceId, StoredQueue queue, int max, long now) {
        return claimById(em, instanceId, nextIds(em, queue, max, now, rowLock));
    }

    List<StoredMessage> peek(EntityManager em, String instanceId, StoredQueue queue, int max, long now) {
        List<Long> ids = nextIds(em, queue, max, now, "");
        return ids.isEmpty() ? List.of() : stored(em.createQuery("select m from MessageEntity m where m.id in :ids "
                        + "order by m.priority desc, m.id", MessageEntity.class)
                .setParameter("ids", ids)
                .getResultList());
    }

    static List<StoredMessage> stored(List<MessageEntity> rows) {
        List<StoredMessage> messages = new ArrayList<>(rows.size());
        rows.forEach(row -> messages.add(row.toStored()));
        return messages;
    }

    /** The ids of the next claimable messages in delivery order whose delivery time has come. */
    private static List<Long> nextIds(EntityManager em, StoredQueue queue, int max, long now, String lock) {
        List<?> rows = em.createNativeQuery("select m.id from cairn_message m where " + CLAIMABLE
                        + " and m.delivery_time <= ?3" + DELIVERY_ORDER + max + " rows only" + lock)
                .setParameter(1, queue.destination())
                .setParameter(2, queue.subscriptionId())
                .setParameter(3, now)
                .getResultList();
        List<Long> ids = new ArrayList<>(rows.size());
        rows.forEach(id -> ids.add(((Number) id).longValue()));
        return ids;
    }

    /** Whether the queue has a claimable message, due or not: one row read in index order. */
    boolean hasUnclaimed(EntityManager em, StoredQueue queue) {
        return !em.createNativeQuery("select m.id from cairn_message m where " + CLAIMABLE + DELIVERY_ORDER + "1 rows only")
                .setParameter(1, queue.destination())
                .setParameter(2, queue.subscriptionId())
                .getResultList().isEmpty();
    }

    List<StoredMessage> claimById(EntityManager em, String instanceId, Collection<Long> ids) {
        // Where nodes share the database: an instance taken over claims nothing more. Its row stays locked
        // until the claim commits, so that a takeover waits for it and then ends these claims too.
        if (!rowLock.isEmpty() && !ids.isEmpty() && em.createNativeQuery(
                        "select instance_id from cairn_node where instance_id = ?1 for share")
                .setParameter(1, instanceId).getResultList().isEmpty()) {
            return List.of();
        }
        List<MessageEntity> claimed = new ArrayList<>(ids.size());
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += JpaMessageStore.DELETE_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + JpaMessageStore.DELETE_CHUNK));
            em.createQuery("update MessageEntity m set m.claimedBy = :me where m.id in :ids")
                    .setParameter("me", instanceId)
                    .setParameter("ids", chunk)
                    .executeUpdate();
            claimed.addAll(em.createQuery("select m from MessageEntity m where m.id in :ids "
                            + "order by m.priority desc, m.id", MessageEntity.class)
                    .setParameter("ids", chunk)
                    .getResultList());
        }
        return stored(claimed);
    }

    List<ScannedMessage> scan(EntityManager em, String instanceId, StoredQueue queue, long afterId, int limit) {
        List<MessageEntity> rows = em.createQuery("select m from MessageEntity m where m.destination = :d "
                        + "and m.subscriptionId = :s and m.preparedTx = 0 and m.id > :after order by m.id", MessageEntity.class)
                .setParameter("d", queue.destination())
                .setParameter("s", queue.subscriptionId())
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList();
        java.util.Set<String> live = live(em);
        List<ScannedMessage> scanned = new ArrayList<>(rows.size());
        for (MessageEntity row : rows) {
            scanned.add(new ScannedMessage(row.toStored(), row.claimedBy() != null && live.contains(row.claimedBy())));
        }
        return scanned;
    }

    List<StoredMessage> claimFree(EntityManager em, String instanceId, Collection<Long> ids) {
        List<Long> free = new ArrayList<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += JpaMessageStore.DELETE_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + JpaMessageStore.DELETE_CHUNK));
            for (Object id : em.createNativeQuery("select m.id from cairn_message m where m.id in (:ids) "
                            + "and m.prepared_tx = 0 and m.claimed_by is null "
                            + "and not exists (select 1 from cairn_prepared_ack a where a.message_id = m.id)" + rowLock)
                    .setParameter("ids", chunk)
                    .getResultList()) {
                free.add(((Number) id).longValue());
            }
        }
        return claimById(em, instanceId, free);
    }

    long countUnclaimed(EntityManager em, StoredQueue queue) {
        return ((Number) em.createNativeQuery("select count(*) from cairn_message m where " + CLAIMABLE)
                .setParameter(1, queue.destination())
                .setParameter(2, queue.subscriptionId())
                .getSingleResult()).longValue();
    }

    /** A message read as {@link #COLUMNS} lists its columns. */
    static StoredMessage message(java.sql.ResultSet r) throws java.sql.SQLException {
        org.cairnmq.store.StoredHeaders h = new org.cairnmq.store.StoredHeaders(r.getString(4), r.getLong(5),
                r.getString(6), r.getString(7), r.getString(8), r.getInt(9), r.getLong(10), r.getLong(11));
        return new StoredMessage(r.getLong(1), r.getString(2), r.getLong(3), h, r.getInt(12), r.getBytes(14),
                r.getInt(13), r.getBytes(15));
    }

    /** The store transaction's own JDBC connection: Hibernate holds it from begin to commit. */
    static java.sql.Connection connection(EntityManager em) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> c);
    }
}
