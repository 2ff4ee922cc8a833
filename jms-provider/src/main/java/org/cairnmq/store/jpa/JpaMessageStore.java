package org.cairnmq.store.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredSubscription;

/** {@link MessageStore} on JPA (Hibernate) over a non-JTA {@link DataSource}. */
public final class JpaMessageStore implements MessageStore {
    private final EntityManagerFactory entityManagers;

    private JpaMessageStore(EntityManagerFactory entityManagers) {
        this.entityManagers = entityManagers;
    }

    /** Brings the schema up to date, then opens the store. */
    public static JpaMessageStore open(DataSource dataSource) {
        SchemaMigration.migrate(dataSource);
        return new JpaMessageStore(StorePersistenceUnit.entityManagerFactory(dataSource));
    }

    @Override
    public long[] commit(StoreBatch batch) {
        long[] ids = new long[batch.inserts().size()];
        inTransaction(em -> {
            int i = 0;
            for (StoredMessage message : batch.inserts()) {
                MessageEntity entity = MessageEntity.of(message);
                em.persist(entity);
                ids[i++] = entity.id();
            }
            if (!batch.deletes().isEmpty()) {
                em.createQuery("delete from MessageEntity m where m.id in :ids")
                        .setParameter("ids", batch.deletes())
                        .executeUpdate();
            }
        });
        return ids;
    }

    @Override
    public List<StoredMessage> loadAll() {
        List<StoredMessage> result = new ArrayList<>();
        inTransaction(em -> em.createQuery("select m from MessageEntity m order by m.id", MessageEntity.class)
                .getResultStream()
                .forEach(e -> result.add(e.toStored())));
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
    public void close() {
        entityManagers.close();
    }

    private void inTransaction(java.util.function.Consumer<EntityManager> work) {
        EntityManager em = entityManagers.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            work.accept(em);
            tx.commit();
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw new StoreException("Store transaction failed: " + e.getMessage(), e);
        } finally {
            em.close();
        }
    }
}
