package org.cairnmq.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that hands out the connections of another one wrapped, for tests and benchmarks that
 * watch what the store does with its connections (commits, statements).
 */
public class ConnectionWrappingDataSource implements DataSource {
    /** Wraps one connection the target gave; may refuse it. */
    public interface Wrapper {
        Connection wrap(Connection connection) throws SQLException;
    }

    private final DataSource target;
    private final Wrapper wrapper;

    public ConnectionWrappingDataSource(DataSource target, Wrapper wrapper) {
        this.target = target;
        this.wrapper = wrapper;
    }

    /** For a subclass that wraps by overriding {@link #wrap}. */
    protected ConnectionWrappingDataSource(DataSource target) {
        this(target, connection -> connection);
    }

    /** Wraps a connection of the target's; by default with the wrapper given. */
    protected Connection wrap(Connection connection) throws SQLException {
        return wrapper.wrap(connection);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return wrap(target.getConnection(user, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
