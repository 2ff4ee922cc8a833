package org.cairnmq.store.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.id.IdentifierGenerator;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredQueue;
import org.cairnmq.store.ScannedMessage;
import org.cairnmq.store.StoredSubscription;
import org.cairnmq.store.PreparedTransaction;
import org.cairnmq.store.PreparedTransactionStore;
import org.cairnmq.store.StoredXid;

/** {@link MessageStore} on JPA (Hibernate) over a non-JTA {@link DataSource}. */
public final class JpaMessageStore implements MessageStore, PreparedTransactionStore {
    static final int DELETE_CHUNK = 500;
    /**
     * The PostgreSQL driver's {@code options} property that pools made for the store give their connections,
     * so that the store need not set the planning mode in each of its transactions.
     */
    public static final String POSTGRESQL_CONNECTION_OPTIONS = CustomPlans.CONNECTION_OPTIONS;
    private final EntityManagerFactory entityManagers;
    private final DispatchClaims claims;
    // New at each join: claims made under an earlier id (before a lost lease) are void.
    private volatile String instanceId = UUID.randomUUID().toString();
    private volatile String nodeName; // null until joined
    private final NodeTable node;
    private final ChangeSignals signals; // null unless nodes share the database
    // Rows whose claim failed in a way that may have committed (guarded by the set itself).
    private final java.util.Set<Long> claimsInDoubt = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final IdentifierGenerator messageIds;
    private final StoreDialect dialect;
    // What each store transaction does first on its connection (null: nothing).
    private final org.hibernate.jdbc.Work transactionStart;
    private final DestinationSettingsTables settings;

    private JpaMessageStore(EntityManagerFactory entityManagers, DispatchClaims claims, StoreDialect dialect,
                            org.hibernate.jdbc.Work transactionStart, DestinationSettingsTables settings,
                            DataSource bounded, DataSource unbounded) {
        this.entityManagers = entityManagers;
        this.node = new NodeTable(bounded);
        this.signals = dialect.sharedByNodes() ? new ChangeSignals(unbounded, () -> instanceId) : null;
        this.settings = settings;
        this.claims = claims;
        this.dialect = dialect;
        this.transactionStart = transactionStart;
        // The generator of MessageEntity's ids (the pooled sequence), so that rows written without JPA and
        // rows persisted as entities draw from one allocation.
        this.messageIds = (IdentifierGenerator) entityManagers.unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel().getEntityDescriptor(MessageEntity.class).getGenerator();
    }

    /**
     * Brings the schema up to date, then opens the store, with the statement timeout of
     * {@code -Dcairn.store.statementTimeoutSeconds} (10 s unless set).
     */
    public static JpaMessageStore open(DataSource dataSource) {
        return open(dataSource, StatementTimeouts.configured());
    }

    /**
     * Brings the schema up to date, then opens the store.
     *
     * @param statementTimeout how long any one statement of the store may run or wait for a lock before it
     *                         fails (whole seconds; zero for no limit)
     */
    public static JpaMessageStore open(DataSource dataSource, java.time.Duration statementTimeout) {
        StoreDialect dialect = StoreDialect.of(dataSource);
        SchemaMigration.migrate(dataSource, dialect);
        DataSource bounded = StatementTimeouts.over(dataSource, statementTimeout);
        return new JpaMessageStore(StorePersistenceUnit.entityManagerFactory(bounded),
                dialect.claims(dataSource), dialect,
                dialect.eachTransaction(dataSource).orElse(null), new DestinationSettingsTables(bounded), bounded,
                dataSource);
    }

    @Override
    public java.util.Optional<org.cairnmq.store.DestinationSettingsStore> destinationSettings() {
        return java.util.Optional.of(settings);
    }

    @Override
    public long[] commit(StoreBatch batch) {
        long[] given = batch.ids();
        long[][] written = new long[1][];
        inTransaction(em -> {
            SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
            long[] ids = given;
            if (ids == null) {
                ids = new long[batch.inserts().size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = ((Number) messageIds.generate(session, null)).longValue();
                }
                batch.assignIds(ids); // kept by the batch: another attempt writes the same ids
            }
            written[0] = ids;
            // Written before, by an attempt that may have committed: the rows already there are not written twice.
            StoreBatch rows = given == null ? batch : withoutRowsPresent(em, batch, ids);
            long[] rowIds = rows.ids() == null ? ids : rows.ids();
            session.doWork(connection -> dialect.writeRows(connection, rows, rowIds, instanceId, given != null));
        });
        claims.committed(batch, written[0]);
        if (signals != null) {
            java.util.Set<StoredQueue> unclaimed = new java.util.LinkedHashSet<>();
            for (int i = 0; i < batch.inserts().size(); i++) {
                if (!batch.isClaimed(i)) {
                    StoredMessage m = batch.inserts().get(i);
                    unclaimed.add(new StoredQueue(m.destination(), m.subscriptionId()));
                }
            }
            signals.messagesWritten(unclaimed);
        }
        return written[0];
    }

    /** The batch less the inserts whose rows exist (its deletes and delivery counts do no harm twice). */
    private static StoreBatch withoutRowsPresent(EntityManager em, StoreBatch batch, long[] ids) {
        java.util.Set<Long> present = new java.util.HashSet<>(existing(em, java.util.Arrays.stream(ids).boxed().toList()));
        if (present.isEmpty()) {
            return batch;
        }
        StoreBatch rest = new StoreBatch();
        List<Long> restIds = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (present.contains(ids[i])) {
                continue;
            }
            if (batch.isClaimed(i)) {
                rest.insert(batch.inserts().get(i));
            } else {
                rest.insertUnclaimed(batch.inserts().get(i));
            }
            restIds.add(ids[i]);
        }
        batch.deletes().forEach(rest::delete);
        batch.deliveryCounts().forEach(rest::deliveryCount);
        rest.assignIds(restIds.stream().mapToLong(Long::longValue).toArray());
        return rest;
    }

    private static List<Long> existing(EntityManager em, List<Long> ids) {
        List<Long> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
            for (Object id : em.createNativeQuery("select id from cairn_message where id in (:ids)")
                    .setParameter("ids", chunk)
                    .getResultList()) {
                found.add(((Number) id).longValue());
            }
        }
        return found;
    }

    @Override
    public List<StoredMessage> loadAll() {
        List<StoredMessage> result = new ArrayList<>();
        inTransaction(em -> em.createQuery("select m from MessageEntity m where m.preparedTx = 0 order by m.id", MessageEntity.class)
                .getResultStream()
                .forEach(e -> result.add(e.toStored())));
        return result;
    }

    @Override
    public void joinAsNode(String nodeName, long leaseMillis) {
        String joining = UUID.randomUUID().toString();
        inTransaction(em -> claims.join(em, joining, nodeName, leaseMillis, !dialect.sharedByNodes()));
        instanceId = joining;
        this.nodeName = nodeName;
        claimsInDoubt.clear(); // made under the id before: the join's takeover of the node's claims ended them
    }

    @Override
    public boolean renewLease(long leaseMillis, int consumers) {
        return node.renew(instanceId, leaseMillis, consumers);
    }

    @Override
    public void leave() {
        node.leave(instanceId);
    }

    @Override
    public int otherNodes() {
        return node.others(instanceId);
    }

    @Override
    public void release(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        java.util.Set<StoredQueue> queues = new java.util.HashSet<>();
        inTransaction(em -> queues.addAll(claims.release(em, instanceId, ids)));
        if (signals != null) {
            signals.messagesWritten(queues);
        }
    }

    @Override
    public List<StoredQueue> takeOverExpired() {
        List<StoredQueue> queues = new ArrayList<>();
        inTransaction(em -> queues.addAll(claims.takeOverExpired(em, instanceId)));
        return queues;
    }

    @Override
    public List<org.cairnmq.store.StoredNode> nodes() {
        List<org.cairnmq.store.StoredNode> nodes = new ArrayList<>();
        inTransaction(em -> nodes.addAll(claims.nodes(em)));
        return nodes;
    }

    @Override
    public boolean shared() {
        return dialect.sharedByNodes();
    }

    @Override
    public boolean listen(org.cairnmq.store.StoreChanges changes) {
        return signals != null && signals.listen(changes);
    }

    @Override
    public List<StoredMessage> claim(StoredQueue queue, int max, long now) {
        List<StoredMessage> claimed = new ArrayList<>();
        List<Long> released = new ArrayList<>();
        try {
            inTransaction(em -> {
                em.unwrap(org.hibernate.Session.class).doWork(dialect::claimOnly);
                released.addAll(releaseClaimsInDoubt(em));
                claimed.addAll(claims.claim(em, instanceId, queue, max, now));
            });
        } catch (StoreException e) {
            claims.notTaken(claimed);
            // Its commit may have gone through all the same: those rows would stay claimed by this store
            // and out of memory until a restart. The next claim frees them first.
            claimed.forEach(m -> claimsInDoubt.add(m.id()));
            throw e;
        }
        claimsInDoubt.removeAll(released);
        return claimed;
    }

    /** Frees the rows that failed claims may have taken, so that a claim can take them again. */
    private List<Long> releaseClaimsInDoubt(EntityManager em) {
        List<Long> ids = List.copyOf(claimsInDoubt);
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            em.createQuery("update MessageEntity m set m.claimedBy = null where m.claimedBy = :me and m.id in :ids")
                    .setParameter("me", instanceId)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK)))
                    .executeUpdate();
        }
        return ids;
    }

    @Override
    public List<StoredMessage> peek(StoredQueue queue, int max, long now) {
        List<StoredMessage> rows = new ArrayList<>();
        inTransaction(em -> claims.peek(em, instanceId, queue, max, now).forEach(rows::add));
        return rows;
    }

    @Override
    public List<ScannedMessage> scan(StoredQueue queue, long afterId, int limit, long now) {
        List<ScannedMessage> rows = new ArrayList<>();
        inTransaction(em -> rows.addAll(claims.scan(em, instanceId, queue, afterId, limit)));
        return rows;
    }

    @Override
    public List<StoredMessage> claimFree(Collection<Long> ids) {
        List<StoredMessage> claimed = new ArrayList<>();
        try {
            inTransaction(em -> claimed.addAll(claims.claimFree(em, instanceId, ids)));
        } catch (StoreException e) {
            claims.notTaken(claimed);
            throw e;
        }
        return claimed;
    }

    @Override
    public List<StoredMessage> claimById(Collection<Long> ids) {
        List<StoredMessage> claimed = new ArrayList<>();
        try {
            inTransaction(em -> claimed.addAll(claims.claimById(em, instanceId, ids)));
        } catch (StoreException e) {
            claims.notTaken(claimed);
            throw e;
        }
        return claimed;
    }

    @Override
    public java.util.Set<Long> presentIds(Collection<Long> ids) {
        java.util.Set<Long> present = new java.util.HashSet<>();
        inTransaction(em -> present.addAll(existing(em, List.copyOf(ids))));
        // Rows gone may have been deleted by a commit whose answer was lost: this broker's holds on them end.
        claims.deleted(ids.stream().filter(id -> !present.contains(id)).toList());
        return present;
    }

    @Override
    public long countUnclaimed(StoredQueue queue) {
        long[] count = new long[1];
        inTransaction(em -> count[0] = claims.countUnclaimed(em, queue));
        return count[0];
    }

    @Override
    public long countStored(StoredQueue queue) {
        long[] count = new long[1];
        inTransaction(em -> count[0] = ((Number) em.createNativeQuery("select count(*) from cairn_message "
                        + "where destination = ?1 and subscription_id = ?2 and prepared_tx = 0")
                .setParameter(1, queue.destination())
                .setParameter(2, queue.subscriptionId())
                .getSingleResult()).longValue());
        return count[0];
    }

    @Override
    public boolean hasUnclaimed(StoredQueue queue) {
        boolean[] found = new boolean[1];
        inTransaction(em -> found[0] = claims.hasUnclaimed(em, queue));
        return found[0];
    }

    @Override
    public List<StoredQueue> queuesWithMessages() {
        List<StoredQueue> result = new ArrayList<>();
        inTransaction(em -> em.createQuery("select distinct m.destination, m.subscriptionId from MessageEntity m "
                        + "where m.preparedTx = 0", Object[].class)
                .getResultStream()
                .forEach(row -> result.add(new StoredQueue((String) row[0], ((Number) row[1]).longValue()))));
        return result;
    }

    @Override
    public long saveSubscription(StoredSubscription subscription) {
        long[] id = new long[1];
        inTransaction(em -> {
            SubscriptionEntity entity = SubscriptionEntity.of(subscription);
            em.persist(entity);
            em.flush();
            id[0] = entity.id();
        });
        if (signals != null) {
            signals.subscriptionsChanged();
        }
        return id[0];
    }

    @Override
    public void deleteSubscription(long subscriptionId) {
        inTransaction(em -> {
            em.createQuery("delete from MessageEntity m where m.subscriptionId = :id")
                    .setParameter("id", subscriptionId)
                    .executeUpdate();
            em.createQuery("delete from SubscriptionEntity s where s.id = :id")
                    .setParameter("id", subscriptionId)
                    .executeUpdate();
        });
        claims.subscriptionDeleted(subscriptionId);
        if (signals != null) {
            signals.subscriptionsChanged();
        }
    }


    @Override
    public List<StoredSubscription> loadSubscriptions() {
        List<StoredSubscription> result = new ArrayList<>();
        inTransaction(em -> em.createQuery("select s from SubscriptionEntity s order by s.id", SubscriptionEntity.class)
                .getResultStream()
                .forEach(e -> result.add(e.toStored())));
        return result;
    }

    @Override
    public long[] prepare(StoredXid xid, StoreBatch work) {
        long[] ids = new long[work.inserts().size()];
        inTransaction(em -> {
            heldHere(em, work.deletes());
            PreparedTxEntity tx = PreparedTxEntity.of(xid).preparedBy(nodeName);
            em.persist(tx);
            em.flush();
            int i = 0;
            for (StoredMessage message : work.inserts()) {
                MessageEntity entity = MessageEntity.of(message).preparedIn(tx.id()).claimedBy(instanceId);
                em.persist(entity);
                ids[i++] = entity.id();
            }
            for (long acknowledged : work.deletes()) {
                em.createNativeQuery("insert into cairn_prepared_ack (tx_id, message_id) values (?1, ?2)")
                        .setParameter(1, tx.id())
                        .setParameter(2, acknowledged)
                        .executeUpdate();
            }
        });
        return ids;
    }

    /**
     * On a database nodes share: the messages a branch acknowledges must be held by this instance, locked
     * until the prepare commits, so that no takeover frees them in between.
     */
    private void heldHere(EntityManager em, List<Long> ids) {
        if (!dialect.sharedByNodes() || ids.isEmpty()) {
            return;
        }
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
            int held = em.createNativeQuery("select id from cairn_message where id in (:ids) and claimed_by = :me "
                            + "for update")
                    .setParameter("ids", chunk)
                    .setParameter("me", instanceId)
                    .getResultList().size();
            if (held != chunk.size()) {
                throw StoreException.claimsLost("A branch acknowledged messages this broker instance no longer holds "
                        + "(its lease lapsed and another node took them over): the branch cannot prepare");
            }
        }
    }

    @Override
    public void commitPrepared(StoredXid xid) {
        List<Long> acknowledged = new ArrayList<>();
        java.util.Set<StoredQueue> queues = new java.util.LinkedHashSet<>();
        inTransaction(em -> {
            long tx = preparedTxId(em, xid);
            for (Object id : em.createNativeQuery("select message_id from cairn_prepared_ack where tx_id = ?1")
                    .setParameter(1, tx)
                    .getResultList()) {
                acknowledged.add(((Number) id).longValue());
            }
            if (dialect.sharedByNodes()) {
                // Nodes share the store: the sends are for whichever node's consumers ask first.
                for (Object[] row : em.createQuery("select distinct m.destination, m.subscriptionId from MessageEntity m "
                                + "where m.preparedTx = :tx", Object[].class)
                        .setParameter("tx", tx)
                        .getResultList()) {
                    queues.add(new StoredQueue((String) row[0], ((Number) row[1]).longValue()));
                }
                em.createQuery("update MessageEntity m set m.preparedTx = 0, m.claimedBy = null where m.preparedTx = :tx")
                        .setParameter("tx", tx)
                        .executeUpdate();
            } else {
                // The committing instance delivers the sends from memory, so it holds them.
                em.createQuery("update MessageEntity m set m.preparedTx = 0, m.claimedBy = :me where m.preparedTx = :tx")
                        .setParameter("tx", tx)
                        .setParameter("me", instanceId)
                        .executeUpdate();
            }
            em.createNativeQuery("delete from cairn_message where id in "
                            + "(select message_id from cairn_prepared_ack where tx_id = ?1)")
                    .setParameter(1, tx)
                    .executeUpdate();
            forgetPrepared(em, tx);
        });
        claims.deleted(acknowledged);
        if (signals != null) {
            signals.messagesWritten(queues);
        }
    }

    @Override
    public void rollbackPrepared(StoredXid xid) {
        inTransaction(em -> {
            long tx = preparedTxId(em, xid);
            em.createQuery("delete from MessageEntity m where m.preparedTx = :tx")
                    .setParameter("tx", tx)
                    .executeUpdate();
            forgetPrepared(em, tx);
        });
    }

    @Override
    public List<PreparedTransaction> loadPrepared() {
        List<PreparedTransaction> result = new ArrayList<>();
        inTransaction(em -> {
            // This node's branches (and those prepared before nodes were recorded): another node's are its own
            // to recover when it starts again, by its transaction manager.
            for (PreparedTxEntity tx : em.createQuery("select t from PreparedTxEntity t where t.nodeName = :node "
                            + "or t.nodeName is null or :node is null order by t.id", PreparedTxEntity.class)
                    .setParameter("node", nodeName)
                    .getResultList()) {
                List<StoredMessage> sends = em.createQuery(
                                "select m from MessageEntity m where m.preparedTx = :tx order by m.id", MessageEntity.class)
                        .setParameter("tx", tx.id())
                        .getResultStream()
                        .map(MessageEntity::toStored)
                        .toList();
                List<Long> acknowledged = new ArrayList<>();
                for (Object id : em.createNativeQuery(
                                "select message_id from cairn_prepared_ack where tx_id = ?1 order by message_id")
                        .setParameter(1, tx.id())
                        .getResultList()) {
                    acknowledged.add(((Number) id).longValue());
                }
                result.add(new PreparedTransaction(tx.xid(), sends, acknowledged));
            }
        });
        return result;
    }

    @Override
    public boolean isPrepared(StoredXid xid) {
        boolean[] found = new boolean[1];
        inTransaction(em -> found[0] = !preparedTxRows(em, xid).isEmpty());
        return found[0];
    }

    private static long preparedTxId(EntityManager em, StoredXid xid) {
        List<PreparedTxEntity> found = preparedTxRows(em, xid);
        if (found.isEmpty()) {
            throw new StoreException("No prepared transaction " + xid, null);
        }
        return found.get(0).id();
    }

    private static List<PreparedTxEntity> preparedTxRows(EntityManager em, StoredXid xid) {
        PreparedTxEntity probe = PreparedTxEntity.of(xid);
        return em.createQuery("select t from PreparedTxEntity t where t.formatId = :f "
                        + "and t.gtrid = :g and t.bqual = :b", PreparedTxEntity.class)
                .setParameter("f", xid.formatId())
                .setParameter("g", probe.gtridHex())
                .setParameter("b", probe.bqualHex())
                .getResultList();
    }

    private static void forgetPrepared(EntityManager em, long tx) {
        em.createNativeQuery("delete from cairn_prepared_ack where tx_id = ?1").setParameter(1, tx).executeUpdate();
        em.createQuery("delete from PreparedTxEntity t where t.id = :tx").setParameter("tx", tx).executeUpdate();
    }

    @Override
    public void close() {
        if (signals != null) {
            signals.close();
        }
        node.close();
        claims.close();
        entityManagers.close();
    }

    /** Whether each store transaction sets PostgreSQL's plan mode itself (see {@link CustomPlans}). */
    boolean setsCustomPlansEachTransaction() {
        return transactionStart != null;
    }

    private void inTransaction(java.util.function.Consumer<EntityManager> work) {
        EntityManager em = entityManagers.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            if (transactionStart != null) {
                em.unwrap(org.hibernate.Session.class).doWork(transactionStart);
            }
            work.accept(em);
            tx.commit();
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            if (e instanceof StoreException refused && refused.isClaimsLost()) {
                throw refused;
            }
            throw new StoreException("Store transaction failed: " + e.getMessage(), e);
        } finally {
            em.close();
        }
    }
}
