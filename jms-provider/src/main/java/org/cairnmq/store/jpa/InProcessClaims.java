package org.cairnmq.store.jpa;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.cairnmq.store.ScannedMessage;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredQueue;

/**
 * Claims on an H2 database that only this process can reach (an embedded file or in-memory database): the
 * messages a page load claims are held in memory, in a table shared by every store over that database in
 * this JVM, instead of in their rows. Changing {@code claimed_by} made H2 rewrite the whole row, body
 * included, and commit it: most of the cost of a page. Rows written claimed (sends kept in memory, XA
 * branches) and the leases in {@code cairn_node} stay in the database, as in {@link DispatchClaims}.
 *
 * <p>A claim in memory holds like one in a row: until the message is deleted, or the instance that made it
 * is taken over (its lease ran out, or an instance of the same node name joined). When the last store over
 * the database closes, its claims go with it: nobody else can reach the database, so nobody held them.
 *
 * <p>Each queue keeps a position in delivery order (priority descending, then id) before which every
 * unclaimed row was claimed or seen, so a page load reads only rows it can take instead of starting over
 * the claimed ones each time. What can appear before the position moves it back: a row committed late
 * with a lower id or a higher priority (the store sees every insert), a message whose delivery time came,
 * claims given up by a takeover.
 */
final class InProcessClaims extends DispatchClaims {
    private static final Map<String, Database> DATABASES = new HashMap<>();
    // Unclaimed rows of one queue: the same rows as DispatchClaims' CLAIMABLE, with JDBC parameters.
    private static final String FREE_ROWS = " from cairn_message m where m.destination = ? and m.subscription_id = ? "
            + "and m.claimed_by is null and m.prepared_tx = 0 "
            + "and not exists (select 1 from cairn_prepared_ack a where a.message_id = m.id)";
    // The leading index columns (fixed by FREE_ROWS) let H2 read cairn_message_dispatch in order and stop early.
    private static final String DELIVERY_ORDER = " order by m.destination, m.subscription_id, m.priority desc, m.id";

    private final Database database;
    private boolean closed; // guarded by DATABASES

    private InProcessClaims(Database database) {
        super("");
        this.database = database;
    }

    /**
     * @return the claims of the H2 database behind {@code dataSource}, or {@code null} if other processes
     *         may reach it (over TCP, or through AUTO_SERVER)
     */
    static InProcessClaims open(DataSource dataSource) {
        String key;
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL().toLowerCase(Locale.ROOT);
            if (url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")) {
                return null;
            }
            try (PreparedStatement s = c.prepareStatement("select database_path(), current_catalog");
                 ResultSet r = s.executeQuery()) {
                r.next();
                String path = r.getString(1);
                if (path != null && servedOverTcp(path)) {
                    return null;
                }
                key = path != null ? "file:" + path : "mem:" + r.getString(2);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot reach the store's database: " + e.getMessage(), e);
        }
        synchronized (DATABASES) {
            Database database = DATABASES.computeIfAbsent(key, Database::new);
            database.stores++;
            return new InProcessClaims(database);
        }
    }

    /** AUTO_SERVER: H2 writes the address other processes reach the database at into its lock file. */
    private static boolean servedOverTcp(String databasePath) {
        java.nio.file.Path lockFile = java.nio.file.Path.of(databasePath + ".lock.db");
        if (!java.nio.file.Files.exists(lockFile)) {
            return false;
        }
        java.util.Properties lock = new java.util.Properties();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(lockFile)) {
            lock.load(in);
        } catch (java.io.IOException e) {
            return true; // cannot tell: claims in rows are right whoever else is there
        }
        return lock.containsKey("server");
    }

    @Override
    void close() {
        synchronized (DATABASES) {
            if (closed) {
                return;
            }
            closed = true;
            if (--database.stores == 0) {
                DATABASES.remove(database.key);
            }
        }
    }

    /** Who holds a message claimed in memory, and for which queue. */
    private record Hold(String instanceId, StoredQueue queue) {
    }

    /** The state shared by the stores over one database. */
    private static final class Database {
        final String key;
        int stores; // guarded by DATABASES
        // Serialises claiming: a message goes to one claimer, and deletions leave `held` only between claims.
        final Object claiming = new Object();
        final Map<Long, Hold> held = new ConcurrentHashMap<>();
        // Held messages whose deletion has committed; they leave `held` at the next claim, before it reads:
        // a read that began before the deletion could still see the row and take it for free.
        final ConcurrentLinkedQueue<Long> deleted = new ConcurrentLinkedQueue<>();
        final Map<StoredQueue, Position> positions = new ConcurrentHashMap<>();

        Database(String key) {
            this.key = key;
        }

        Position position(StoredQueue queue) {
            return positions.computeIfAbsent(queue, q -> new Position());
        }

        /** Under `claiming`. */
        void forgetDeleted() {
            for (Long id; (id = deleted.poll()) != null; ) {
                held.remove(id);
            }
        }

        /** Ends the claims of these instances: their messages may be claimed again from each queue's start. */
        Set<StoredQueue> release(Collection<?> instanceIds) {
            Set<StoredQueue> queues = new HashSet<>();
            synchronized (claiming) {
                held.entrySet().removeIf(e -> {
                    if (instanceIds.contains(e.getValue().instanceId())) {
                        queues.add(e.getValue().queue());
                        return true;
                    }
                    return false;
                });
            }
            return queues;
        }
    }

    /** A place in delivery order: rows after it come later (lower priority, or same priority and higher id). */
    private record Key(int priority, long id) {
        boolean before(Key other) {
            return priority > other.priority || (priority == other.priority && id < other.id);
        }

        /** The place just before a row, so that the row comes after it. */
        static Key justBefore(int priority, long id) {
            return new Key(priority, id - 1);
        }

        static Key min(Key a, Key b) {
            return a == null || b == null ? null : a.before(b) ? a : b;
        }
    }

    /**
     * How far the claims of one queue have read. Every unclaimed row before {@code after} is one whose
     * delivery time had not come (the earliest at {@code dueFrom}) or one a pending move back covers.
     */
    private static final class Position {
        private Key after; // null: the queue's start
        private boolean claiming;
        private boolean backToStart;
        private Key backTo;
        private Key dueFrom;
        private long dueAt;

        /** Starts a claim: applies the moves back pending, and those due by {@code now}. */
        synchronized Key begin(long now) {
            if (backToStart) {
                after = null;
            } else if (backTo != null) {
                after = Key.min(after, backTo);
            }
            backToStart = false;
            backTo = null;
            if (dueFrom != null && dueAt <= now) {
                after = Key.min(after, dueFrom);
                dueFrom = null;
            }
            claiming = true;
            return after;
        }

        /** Ends a claim that read up to {@code last}, seeing rows not yet due from {@code notDue} on. */
        synchronized void end(Key last, Key notDue, long notDueAt) {
            if (last != null && (after == null || after.before(last))) {
                after = last;
            }
            if (notDue != null) {
                dueAt = dueFrom == null ? notDueAt : Math.min(dueAt, notDueAt);
                dueFrom = dueFrom == null ? notDue : Key.min(dueFrom, notDue);
            }
            claiming = false;
        }

        /** A row at {@code row} became claimable. */
        synchronized void arrived(Key row) {
            if (claiming || (after != null && !after.before(row))) {
                backTo = backTo == null ? Key.justBefore(row.priority, row.id) : Key.min(backTo,
                        Key.justBefore(row.priority, row.id));
            }
        }

        synchronized void backToStart() {
            backToStart = true;
        }

        /** Whether a pending move back or a row not yet due may make a claim find something before the position. */
        synchronized boolean behind() {
            return backToStart || backTo != null || dueFrom != null;
        }

        synchronized Key after() {
            return after;
        }
    }

    @Override
    void join(EntityManager em, String instanceId, String nodeName, long leaseMillis, boolean singleNode) {
        List<?> earlier = em.createNativeQuery("select instance_id from cairn_node where node_name = ?1")
                .setParameter(1, nodeName)
                .getResultList();
        // Brokers of this process share their claims in memory, so several may share the database safely.
        super.join(em, instanceId, nodeName, leaseMillis, false);
        database.release(earlier);
        // The earlier life's claims in rows are gone too, in queues no one knows: every queue starts over.
        database.positions.values().forEach(Position::backToStart);
    }

    @Override
    List<StoredQueue> takeOverExpired(EntityManager em, String instanceId) {
        List<?> expired = expired(em, instanceId);
        if (expired.isEmpty()) {
            return List.of();
        }
        Set<StoredQueue> queues = new java.util.LinkedHashSet<>(super.takeOverExpired(em, instanceId));
        queues.addAll(database.release(expired));
        queues.forEach(q -> database.position(q).backToStart());
        return new ArrayList<>(queues);
    }

    @Override
    List<StoredMessage> claim(EntityManager em, String instanceId, StoredQueue queue, int max, long now) {
        synchronized (database.claiming) {
            database.forgetDeleted();
            Position position = database.position(queue);
            Key after = position.begin(now);
            Key last = null;
            Key notDue = null;
            long notDueAt = Long.MAX_VALUE;
            List<StoredMessage> page = new ArrayList<>();
            boolean read = false;
            try {
                Connection c = connection(em);
                while (page.size() < max) {
                    int wanted = max - page.size();
                    List<Row> rows = readAfter(c, queue, after, wanted, true);
                    for (Row row : rows) {
                        last = row.key();
                        if (database.held.containsKey(row.key().id())) {
                            continue; // claimed since the position passed it (management), or a move back
                        }
                        if (row.deliveryTime() > now) {
                            if (notDue == null) {
                                notDue = Key.justBefore(row.key().priority(), row.key().id());
                            }
                            notDueAt = Math.min(notDueAt, row.deliveryTime());
                            continue;
                        }
                        database.held.put(row.key().id(), new Hold(instanceId, queue));
                        page.add(row.message());
                    }
                    if (rows.size() < wanted) {
                        break; // the queue's end
                    }
                    after = last;
                }
                read = true;
            } finally {
                if (read) {
                    position.end(last, notDue, notDueAt);
                } else { // nothing claimed, the position stays where it was
                    page.forEach(m -> database.held.remove(m.id()));
                    position.end(null, notDue, notDueAt);
                }
            }
            return page;
        }
    }

    @Override
    boolean hasUnclaimed(EntityManager em, StoredQueue queue) {
        Position position = database.position(queue);
        if (position.behind()) {
            return true;
        }
        Key after = position.after();
        Connection c = connection(em);
        while (true) {
            List<Row> rows = readAfter(c, queue, after, 64, false);
            for (Row row : rows) {
                if (!database.held.containsKey(row.key().id())) {
                    return true;
                }
                after = row.key();
            }
            if (rows.size() < 64) {
                return false;
            }
        }
    }

    @Override
    List<StoredMessage> peek(EntityManager em, String instanceId, StoredQueue queue, int max, long now) {
        List<StoredMessage> seen = new ArrayList<>();
        Connection c = connection(em);
        Key after = null;
        while (seen.size() < max) {
            List<Row> rows = readAfter(c, queue, after, max, true);
            for (Row row : rows) {
                after = row.key();
                if (seen.size() < max && !database.held.containsKey(row.key().id()) && row.deliveryTime() <= now) {
                    seen.add(row.message());
                }
            }
            if (rows.size() < max) {
                break;
            }
        }
        return seen;
    }

    @Override
    List<ScannedMessage> scan(EntityManager em, String instanceId, StoredQueue queue, long afterId, int limit) {
        Set<String> live = live(em);
        List<ScannedMessage> scanned = new ArrayList<>();
        for (ScannedMessage row : super.scan(em, instanceId, queue, afterId, limit)) {
            Hold hold = database.held.get(row.message().id());
            scanned.add(hold != null && live.contains(hold.instanceId()) ? new ScannedMessage(row.message(), true) : row);
        }
        return scanned;
    }

    @Override
    List<StoredMessage> claimFree(EntityManager em, String instanceId, Collection<Long> ids) {
        synchronized (database.claiming) {
            database.forgetDeleted();
            // Free in the rows (the query below), and not held in memory by anyone.
            List<Long> notHeld = new ArrayList<>();
            for (Long id : ids) {
                if (!database.held.containsKey(id)) {
                    notHeld.add(id);
                }
            }
            List<Long> free = new ArrayList<>();
            for (int from = 0; from < notHeld.size(); from += JpaMessageStore.DELETE_CHUNK) {
                List<Long> chunk = notHeld.subList(from, Math.min(notHeld.size(), from + JpaMessageStore.DELETE_CHUNK));
                for (Object id : em.createNativeQuery("select m.id from cairn_message m where m.id in (:ids) "
                                + "and m.prepared_tx = 0 and m.claimed_by is null "
                                + "and not exists (select 1 from cairn_prepared_ack a where a.message_id = m.id)")
                        .setParameter("ids", chunk)
                        .getResultList()) {
                    free.add(((Number) id).longValue());
                }
            }
            return holdAndRead(em, instanceId, free);
        }
    }

    @Override
    List<StoredMessage> claimById(EntityManager em, String instanceId, Collection<Long> ids) {
        synchronized (database.claiming) {
            database.forgetDeleted();
            return holdAndRead(em, instanceId, ids);
        }
    }

    private List<StoredMessage> holdAndRead(EntityManager em, String instanceId, Collection<Long> ids) {
        List<StoredMessage> claimed = new ArrayList<>(ids.size());
        List<Long> all = List.copyOf(ids);
        try {
            holdAndRead(em, instanceId, all, claimed);
        } catch (RuntimeException e) {
            claimed.forEach(m -> database.held.remove(m.id()));
            throw e;
        }
        return claimed;
    }

    private void holdAndRead(EntityManager em, String instanceId, List<Long> all, List<StoredMessage> claimed) {
        for (int from = 0; from < all.size(); from += JpaMessageStore.DELETE_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + JpaMessageStore.DELETE_CHUNK));
            for (MessageEntity row : em.createQuery("select m from MessageEntity m where m.id in :ids "
                            + "order by m.priority desc, m.id", MessageEntity.class)
                    .setParameter("ids", chunk)
                    .getResultList()) {
                StoredMessage message = row.toStored();
                database.held.put(message.id(), new Hold(instanceId,
                        new StoredQueue(message.destination(), message.subscriptionId())));
                claimed.add(message);
            }
        }
    }

    @Override
    long countUnclaimed(EntityManager em, StoredQueue queue) {
        long count = super.countUnclaimed(em, queue);
        List<Long> heldHere = new ArrayList<>();
        database.held.forEach((id, hold) -> {
            if (hold.queue().equals(queue)) {
                heldHere.add(id);
            }
        });
        for (int from = 0; from < heldHere.size(); from += JpaMessageStore.DELETE_CHUNK) {
            List<Long> chunk = heldHere.subList(from, Math.min(heldHere.size(), from + JpaMessageStore.DELETE_CHUNK));
            count -= ((Number) em.createNativeQuery("select count(*) from cairn_message m where m.id in (:ids) "
                            + "and m.claimed_by is null and m.prepared_tx = 0 "
                            + "and not exists (select 1 from cairn_prepared_ack a where a.message_id = m.id)")
                    .setParameter("ids", chunk)
                    .getSingleResult()).longValue();
        }
        return count;
    }

    @Override
    Set<StoredQueue> release(EntityManager em, String instanceId, Collection<Long> ids) {
        Set<StoredQueue> queues = super.release(em, instanceId, ids); // rows written claimed
        synchronized (database.claiming) {
            ids.forEach(database.held::remove);
            database.positions.values().forEach(Position::backToStart);
        }
        return queues;
    }

    @Override
    void notTaken(Collection<StoredMessage> claimed) {
        synchronized (database.claiming) {
            for (StoredMessage m : claimed) {
                database.held.remove(m.id());
                database.position(new StoredQueue(m.destination(), m.subscriptionId())).backToStart();
            }
        }
    }

    @Override
    void committed(StoreBatch batch, long[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (!batch.isClaimed(i)) {
                StoredMessage m = batch.inserts().get(i);
                database.position(new StoredQueue(m.destination(), m.subscriptionId()))
                        .arrived(new Key(m.headers().priority(), ids[i]));
            }
        }
        deleted(batch.deletes());
    }

    @Override
    void deleted(Collection<Long> ids) {
        for (Long id : ids) {
            if (database.held.containsKey(id)) {
                database.deleted.add(id);
            }
        }
    }

    /** A subscription's messages are gone: so are its positions (and its holds, at the next claim). */
    @Override
    void subscriptionDeleted(long subscriptionId) {
        database.held.forEach((id, hold) -> {
            if (hold.queue().subscriptionId() == subscriptionId) {
                database.deleted.add(id);
            }
        });
        database.positions.keySet().removeIf(q -> q.subscriptionId() == subscriptionId);
    }


    /** An unclaimed row read in delivery order; {@code message} is null when only the place was read. */
    private record Row(Key key, long deliveryTime, StoredMessage message) {
    }

    /**
     * Up to {@code limit} unclaimed rows of a queue after a place in delivery order, in that order: those of
     * the place's priority with higher ids, then those of lower priorities (two index ranges H2 reads in order).
     */
    private static List<Row> readAfter(Connection c, StoredQueue queue, Key after, int limit, boolean whole) {
        String select = "select " + (whole ? COLUMNS : "m.id, m.priority, m.delivery_time") + FREE_ROWS;
        List<Row> rows = new ArrayList<>();
        try {
            if (after == null) {
                read(c, select + DELIVERY_ORDER + " fetch first " + limit + " rows only", queue, whole, rows);
            } else {
                read(c, select + " and m.priority = ? and m.id > ?" + DELIVERY_ORDER + " fetch first " + limit
                        + " rows only", queue, whole, rows, after.priority(), after.id());
                if (rows.size() < limit) {
                    read(c, select + " and m.priority < ?" + DELIVERY_ORDER + " fetch first " + (limit - rows.size())
                            + " rows only", queue, whole, rows, after.priority());
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the messages of " + queue + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static void read(Connection c, String sql, StoredQueue queue, boolean whole, List<Row> into,
            Object... after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, queue.destination());
            s.setLong(2, queue.subscriptionId());
            for (int i = 0; i < after.length; i++) {
                s.setObject(3 + i, after[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (whole) {
                        StoredMessage m = message(r);
                        into.add(new Row(new Key(m.headers().priority(), m.id()), m.headers().deliveryTime(), m));
                    } else {
                        into.add(new Row(new Key(r.getInt(2), r.getLong(1)), r.getLong(3), null));
                    }
                }
            }
        }
    }

}
