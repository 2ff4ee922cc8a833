package org.cairnmq.cluster;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.BrokerOptions;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.testing.PooledJpaStore;
import org.cairnmq.testing.PostgresExtension;

/**
 * Brokers of one test over one fresh PostgreSQL database, as the nodes of one broker, and the connections
 * the test opens to them; {@link #close} stops them all.
 */
final class ClusterNodes implements AutoCloseable {
    private final long leaseMillis;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Broker> brokers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final String url = PostgresExtension.cluster().createDatabase();

    ClusterNodes(long leaseMillis) {
        this.leaseMillis = leaseMillis;
    }

    /** Starts a node of that name. */
    Broker node(String name) {
        Broker broker = Broker.start(PooledJpaStore.open(url), threads, Clock.systemUTC(),
                BrokerOptions.defaults().withNodeName(name).withLeaseMillis(leaseMillis));
        brokers.add(broker);
        return broker;
    }

    /**
     * Starts a node of that name whose store reaches the database through {@code wrap} (a
     * {@code FaultyDataSource}, say). Its connections carry the node's name as their PostgreSQL
     * {@code application_name}, so that a test can find them in {@code pg_stat_activity}.
     */
    Broker node(String name, UnaryOperator<DataSource> wrap) {
        Broker broker = Broker.start(PooledJpaStore.open(url + "&ApplicationName=" + name, wrap), threads,
                Clock.systemUTC(), BrokerOptions.defaults().withNodeName(name).withLeaseMillis(leaseMillis));
        brokers.add(broker);
        return broker;
    }

    /** The JDBC URL of the nodes' database. */
    String url() {
        return url;
    }

    /** Stops a node before the test ends, cleanly. */
    void stop(Broker node) {
        brokers.remove(node);
        node.close();
    }

    /** A started connection to a node, closed with the others. */
    Connection connect(Broker broker) throws JMSException {
        Connection connection = kept(new JmsConnectionFactory(broker).createConnection());
        connection.start();
        return connection;
    }

    /** Closed with the others at the end of the test. */
    <C extends Connection> C kept(C connection) {
        connections.add(connection);
        return connection;
    }

    @Override
    public void close() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException | RuntimeException ignored) {
                // the broker may be gone already
            }
        }
        brokers.forEach(Broker::close);
        threads.shutdownNow();
    }
}
