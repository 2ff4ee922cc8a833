package org.cairnmq.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * A data source that fails on demand, between the broker and a real (pooled) one: the database gone
 * ({@link #goDown()}), the statements whose SQL matches failing ({@link #failStatements}), commits failing
 * before they reach the database ({@link #failCommits}) or after it committed, with the answer lost
 * ({@link #loseCommitAnswers}). Faults apply to connections already handed out too, at the moment they are
 * used, as a real outage would.
 */
public final class FaultyDataSource extends ConnectionWrappingDataSource {
    private volatile boolean down;
    private volatile Predicate<String> failingSql = sql -> false;
    private final AtomicInteger sqlFailuresLeft = new AtomicInteger();
    private final AtomicInteger commitsToFail = new AtomicInteger();
    private final AtomicInteger commitAnswersToLose = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private static final Predicate<String> MESSAGE_WRITES =
            sql -> sql.startsWith("insert into cairn_message") || sql.startsWith("delete from cairn_message");
    // Which transactions the commit faults meet: those that ran a statement this matches.
    private volatile Predicate<String> commitFaultScope = MESSAGE_WRITES;

    public FaultyDataSource(DataSource target) {
        super(target);
    }

    /** From now on no connection is given and every call on a connection given before fails. */
    public void goDown() {
        down = true;
    }

    /** Clears every fault: the database answers again. */
    public void heal() {
        down = false;
        failingSql = sql -> false;
        sqlFailuresLeft.set(0);
        commitsToFail.set(0);
        commitAnswersToLose.set(0);
        commitFaultScope = MESSAGE_WRITES;
    }

    /**
     * The next {@code times} statements whose SQL (lower case) matches fail without running; the
     * transaction they were part of can then only be rolled back.
     */
    public void failStatements(Predicate<String> sql, int times) {
        failingSql = sql;
        sqlFailuresLeft.set(times);
    }

    /** Statements whose SQL contains {@code fragment} (matched in lower case) fail until {@link #heal()}. */
    public void failStatementsContaining(String fragment) {
        String lower = fragment.toLowerCase(Locale.ROOT);
        failStatements(sql -> sql.contains(lower), Integer.MAX_VALUE);
    }

    /**
     * The next {@code count} commits of transactions that inserted or deleted messages are rolled back and
     * fail, as when the connection breaks before them. (Other commits, such as lease renewals, go through:
     * the fault meets the operation the test drives.)
     */
    public void failCommits(int count) {
        commitsToFail.set(count);
    }

    /**
     * The next {@code count} commits of transactions that inserted or deleted messages reach the database
     * and commit, then fail as if the connection broke before the answer came back: the caller cannot tell
     * that they committed.
     */
    public void loseCommitAnswers(int count) {
        commitAnswersToLose.set(count);
    }

    /**
     * As {@link #loseCommitAnswers(int)}, for the commits of transactions that ran a statement whose SQL
     * (lower case) contains {@code fragment}: a page load's claims ({@code "update cairn_message set claimed_by"}),
     * say.
     */
    public void loseCommitAnswersOf(String fragment, int count) {
        String lower = fragment.toLowerCase(Locale.ROOT);
        commitFaultScope = sql -> sql.contains(lower);
        commitAnswersToLose.set(count);
    }

    /** How many failures were injected so far: a test checks its fault was met. */
    public int injectedFailures() {
        return injected.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkUp();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        checkUp();
        return super.getConnection(user, password);
    }

    @Override
    protected Connection wrap(Connection connection) {
        return faulty(connection);
    }

    private void checkUp() throws SQLException {
        if (down) {
            injected.incrementAndGet();
            throw new SQLTransientConnectionException("Injected: the database does not answer", "08001");
        }
    }

    private static boolean takeOne(AtomicInteger left) {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private Connection faulty(Connection connection) {
        // Whether the transaction under way inserted or deleted messages: only such commits are failed.
        AtomicBoolean inScope = new AtomicBoolean();
        return proxy(Connection.class, connection, (method, args) -> {
            String name = method.getName();
            if (down && !name.equals("close") && !name.equals("isClosed")) {
                injected.incrementAndGet();
                throw new SQLNonTransientConnectionException("Injected: the connection broke", "08006");
            }
            if (name.equals("rollback")) {
                inScope.set(false);
            }
            if (name.equals("commit") && inScope.getAndSet(false)) {
                if (takeOne(commitsToFail)) {
                    injected.incrementAndGet();
                    connection.rollback();
                    throw new SQLNonTransientConnectionException("Injected: the connection broke before the commit",
                            "08006");
                }
                if (takeOne(commitAnswersToLose)) {
                    injected.incrementAndGet();
                    connection.commit();
                    throw new SQLNonTransientConnectionException(
                            "Injected: the connection broke after the commit, before its answer", "08006");
                }
            }
            Object result = method.invoke(connection, args);
            if (result instanceof Statement statement) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                return faulty(statement, sql, inScope);
            }
            return result;
        });
    }

    /** A statement whose executions fail when its SQL (given when prepared, or when executed) matches. */
    private Statement faulty(Statement statement, String preparedSql,
            AtomicBoolean inScope) {
        Class<? extends Statement> type = statement instanceof java.sql.CallableStatement
                ? java.sql.CallableStatement.class
                : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return proxy(type, statement, (method, args) -> {
            if (method.getName().startsWith("execute")) {
                if (down) {
                    injected.incrementAndGet();
                    throw new SQLNonTransientConnectionException("Injected: the connection broke", "08006");
                }
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                String lower = sql == null ? "" : sql.toLowerCase(Locale.ROOT);
                if (failingSql.test(lower) && takeOne(sqlFailuresLeft)) {
                    injected.incrementAndGet();
                    throw new SQLException("Injected: statement failed: " + sql, "XX000");
                }
                if (commitFaultScope.test(lower)) {
                    inScope.set(true);
                }
            }
            return method.invoke(statement, args);
        });
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") && args[0] == type) {
                return target;
            }
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
