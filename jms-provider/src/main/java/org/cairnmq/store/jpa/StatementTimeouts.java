package org.cairnmq.store.jpa;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The store's connections, each statement of which gives up after the store's statement timeout
 * ({@link Statement#setQueryTimeout}): a statement stuck behind a lock (a table locked by someone else, a
 * row held by a stalled transaction) or a database that stopped answering fails the operations waiting on
 * it within the bound instead of blocking them for good. One place for every statement the store runs
 * (through JPA, and its own JDBC batches), whatever the database.
 */
final class StatementTimeouts implements DataSource {
    /** The timeout unless {@code -Dcairn.store.statementTimeoutSeconds} says otherwise. */
    static final Duration DEFAULT = Duration.ofSeconds(10);
    static final String PROPERTY = "cairn.store.statementTimeoutSeconds";

    private final DataSource connections;
    private final int seconds;

    private StatementTimeouts(DataSource connections, int seconds) {
        this.connections = connections;
        this.seconds = seconds;
    }

    /** @param timeout rounded up to whole seconds (JDBC's unit); zero for no timeout */
    static DataSource over(DataSource connections, Duration timeout) {
        if (timeout.isZero()) {
            return connections;
        }
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        return new StatementTimeouts(connections, (int) Math.min(Integer.MAX_VALUE, seconds));
    }

    /** The configured timeout: the system property, else {@link #DEFAULT}. */
    static Duration configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds < 0) {
                throw new NumberFormatException("negative");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a whole number of seconds (0: none): "
                    + value, e);
        }
    }

    int seconds() {
        return seconds;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return timed(connections.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return timed(connections.getConnection(username, password));
    }

    private Connection timed(Connection connection) {
        InvocationHandler handler = new StatementsWithTimeout(connection, seconds);
        return (Connection) Proxy.newProxyInstance(StatementTimeouts.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    /** Sets the timeout on each statement the connection makes; everything else goes to the connection. */
    private record StatementsWithTimeout(Connection target, int seconds) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("unwrap") && args[0] == Connection.class) {
                return target;
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Statement statement) {
                statement.setQueryTimeout(seconds);
            }
            return result;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return connections.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        connections.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int loginSeconds) throws SQLException {
        connections.setLoginTimeout(loginSeconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return connections.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return connections.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : connections.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || connections.isWrapperFor(type);
    }
}
