package org.cairnmq.store.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.cairnmq.testing.ConnectionWrappingDataSource;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoredHeaders;
import org.cairnmq.store.StoredMessage;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link JpaMessageStore#commit} sends to the database: inserts as one JDBC batch with ids from the
 * pooled sequence (no round trip per message), deletes as one JDBC batch of one fixed statement. Group
 * commit relies on it: a group of a thousand rows must not become a thousand round trips.
 */
class JpaStatementBatchingTest {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private JpaMessageStore store;

    @BeforeEach
    void open() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = JpaMessageStore.open(counting(h2));
        calls.clear();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void insertsGoOutInOneJdbcBatchWithIdsFromThePooledSequence() {
        StoreBatch batch = new StoreBatch();
        for (int i = 0; i < 250; i++) {
            batch.insert(message("m" + i));
        }

        long[] ids = store.commit(batch);

        assertEquals(250, ids.length);
        assertEquals(250, count("addBatch", "insert into cairn_message"));
        assertEquals(1, count("executeBatch", "insert into cairn_message"), "one JDBC batch per commit");
        assertEquals(0, count("executeUpdate", "insert into cairn_message"), "an insert outside a batch");
        assertTrue(count("executeQuery", "cairn_message_seq") <= 4,
                "sequence calls for 250 ids in blocks of 100: " + count("executeQuery", "cairn_message_seq"));
    }

    @Test
    void deletesGoOutAsOneJdbcBatchOfOneStatement() {
        StoreBatch inserts = new StoreBatch();
        for (int i = 0; i < 1_200; i++) {
            inserts.insert(message("m" + i));
        }
        long[] ids = store.commit(inserts);
        calls.clear();
        StoreBatch deletes = new StoreBatch();
        for (long id : ids) {
            deletes.delete(id);
        }

        store.commit(deletes);

        assertEquals(1_200, count("addBatch", "delete from cairn_message"));
        assertEquals(1, count("executeBatch", "delete from cairn_message"));
        assertEquals(0, count("executeUpdate", "delete from cairn_message"), "a delete outside the batch");
        assertEquals(List.of(), store.loadAll());
    }

    private int count(String method, String sqlFragment) {
        AtomicInteger n = calls.get(method + " " + sqlFragment);
        return n == null ? 0 : n.get();
    }

    private static StoredMessage message(String messageId) {
        StoredHeaders headers = new StoredHeaders(messageId, 1L, null, null, null, 4, 0, 0);
        return new StoredMessage(0, "q", headers, 0, new byte[0], 2, new byte[1024]);
    }

    /** The data source, with every statement's executions counted by method and SQL fragment. */
    private DataSource counting(DataSource target) {
        return new ConnectionWrappingDataSource(target, connection -> proxy(Connection.class, connection));
    }

    private <T> T proxy(Class<T> type, T target) {
        return proxy(type, target, null);
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T target, String sql) {
        InvocationHandler handler = (self, method, args) -> {
            if (sql != null) {
                record(method, sql);
            }
            Object result = invoke(method, target, args);
            if (type == Connection.class && method.getName().equals("prepareStatement")) {
                return proxy(PreparedStatement.class, (PreparedStatement) result,
                        ((String) args[0]).toLowerCase(Locale.ROOT));
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
    }

    private void record(Method method, String sql) {
        for (String fragment : List.of("insert into cairn_message", "delete from cairn_message", "cairn_message_seq")) {
            if (sql.contains(fragment)) {
                calls.computeIfAbsent(method.getName() + " " + fragment, k -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
