package org.cairnmq.embedded;

import jakarta.jms.ConnectionFactory;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.cairnmq.engine.Broker;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.store.jpa.JpaMessageStore;

/**
 * A Cairn broker inside a Java SE application or test, over any JDBC database Cairn supports.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start("jdbc:h2:./data/cairn")) {
 *     ConnectionFactory cf = broker.connectionFactory();
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Broker broker;
    private final ExecutorService deliveryThreads;
    private final AutoCloseable ownedPool;

    private EmbeddedBroker(Broker broker, ExecutorService deliveryThreads, AutoCloseable ownedPool) {
        this.broker = broker;
        this.deliveryThreads = deliveryThreads;
        this.ownedPool = ownedPool;
    }

    /**
     * Starts a broker over a JDBC URL, with a connection pool of its own, creating or upgrading the schema
     * as needed.
     *
     * <p>An embedded H2 database gets {@code WRITE_DELAY=0} unless the URL sets it: by default H2 writes
     * commits to its file up to half a second later, and a killed process would lose messages whose
     * {@code send()} had returned (docs/store.md).
     */
    public static EmbeddedBroker start(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durableH2Url(jdbcUrl));
        config.setPoolName("cairn-store");
        config.setMaximumPoolSize(8);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return start(pool, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Starts a broker over a data source the application manages, creating or upgrading the schema as
     * needed. The data source must pool its connections.
     */
    public static EmbeddedBroker start(DataSource dataSource) {
        return start(dataSource, null);
    }

    private static EmbeddedBroker start(DataSource dataSource, AutoCloseable ownedPool) {
        ExecutorService threads = Executors.newCachedThreadPool(new DeliveryThreads());
        return new EmbeddedBroker(Broker.start(JpaMessageStore.open(dataSource), threads), threads, ownedPool);
    }

    /**
     * The URL with {@code ;WRITE_DELAY=0} added if it names an embedded H2 database and does not set
     * {@code WRITE_DELAY} itself; any other URL unchanged. In-memory databases need no durability, and a
     * remote H2 server ({@code tcp:}, {@code ssl:}) is configured by its operator.
     */
    static String durableH2Url(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.contains("write_delay=")) {
            return jdbcUrl;
        }
        String database = lower.substring("jdbc:h2:".length());
        for (String notEmbeddedFile : new String[] {"mem:", "tcp:", "ssl:", "zip:"}) {
            if (database.startsWith(notEmbeddedFile)) {
                return jdbcUrl;
            }
        }
        return jdbcUrl + ";WRITE_DELAY=0";
    }

    /** A factory for connections to this broker. */
    public ConnectionFactory connectionFactory() {
        return new JmsConnectionFactory(broker);
    }

    /** The engine, for tools and tests that look below the messaging API. */
    public Broker broker() {
        return broker;
    }

    /** Stops delivery and closes the store; persistent messages stay in the database. */
    @Override
    public void close() {
        deliveryThreads.shutdownNow();
        broker.close();
        if (ownedPool != null) {
            try {
                ownedPool.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not close the store's connection pool", e);
            }
        }
    }

    private static final class DeliveryThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "cairn-delivery-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
