package org.cairnmq.embedded;

import jakarta.jms.ConnectionFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.BrokerOptions;
import org.cairnmq.engine.security.Authenticator;
import org.cairnmq.engine.security.PasswordAuthenticator;
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
 *
 * <p>With users, through the {@link #builder()}:
 *
 * <pre>{@code
 * EmbeddedBroker broker = EmbeddedBroker.builder()
 *         .jdbcUrl("jdbc:h2:./data/cairn")
 *         .user("alice", "secret")
 *         .start();
 * Connection connection = broker.connectionFactory().createConnection("alice", "secret");
 * }</pre>
 *
 * <p>A broker started without users accepts every connection, with or without credentials, as before. Once
 * users are configured, {@code createConnection(user, password)} and {@code createContext(user, password)}
 * must name one of them with the right password ({@code JMSSecurityException} otherwise), and connections
 * without credentials are refused unless {@link Builder#allowAnonymous(boolean) allowAnonymous(true)}. (Inside
 * WildFly, the resource adapter authenticates against the server's security domain instead.)
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Broker broker;
    private final ExecutorService deliveryThreads;
    private final AutoCloseable ownedPool;
    private final Authenticator authenticator;

    private EmbeddedBroker(Broker broker, ExecutorService deliveryThreads, AutoCloseable ownedPool,
            Authenticator authenticator) {
        this.broker = broker;
        this.deliveryThreads = deliveryThreads;
        this.ownedPool = ownedPool;
        this.authenticator = authenticator;
    }

    /** Configures a broker with users, then {@link Builder#start() starts} it. */
    public static Builder builder() {
        return new Builder();
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
        return builder().jdbcUrl(jdbcUrl).start();
    }

    private static EmbeddedBroker start(String jdbcUrl, Authenticator authenticator, BrokerOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durableH2Url(jdbcUrl));
        config.setPoolName("cairn-store");
        config.setMaximumPoolSize(8);
        // Hikari's default of 30 s would hold a send three times the 10 s statement bound when the
        // database is gone (docs/failures.md).
        config.setConnectionTimeout(Long.getLong("cairn.store.connectionTimeoutMillis", 10_000));
        if (jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            // The driver takes it only where the URL gives no options of its own.
            config.addDataSourceProperty("options", JpaMessageStore.POSTGRESQL_CONNECTION_OPTIONS);
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return start(pool, pool, authenticator, options);
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
        return builder().dataSource(dataSource).start();
    }

    private static EmbeddedBroker start(DataSource dataSource, AutoCloseable ownedPool,
            Authenticator authenticator, BrokerOptions options) {
        ExecutorService threads = Executors.newCachedThreadPool(new DeliveryThreads());
        try {
            return new EmbeddedBroker(Broker.start(JpaMessageStore.open(dataSource), threads,
                    java.time.Clock.systemUTC(), options), threads, ownedPool,
                    authenticator);
        } catch (RuntimeException e) {
            threads.shutdownNow();
            throw e;
        }
    }

    /**
     * For an embedded H2 file database, the URL made safe for a broker: {@code WRITE_DELAY=0} unless the URL
     * sets {@code WRITE_DELAY} itself (so a commit is in the file before it returns), and H2's {@code retry:}
     * file system unless the URL names a file system (so that an application thread interrupted in the middle
     * of a send, e.g. by {@code Future.cancel(true)}, does not make H2 close the database for everyone). Any
     * other URL unchanged: in-memory databases need neither, and a remote H2 server ({@code tcp:},
     * {@code ssl:}) is configured by its operator.
     */
    static String durableH2Url(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return jdbcUrl;
        }
        String database = jdbcUrl.substring("jdbc:h2:".length());
        String databaseLower = database.toLowerCase(Locale.ROOT);
        for (String notEmbeddedFile : new String[] {"mem:", "tcp:", "ssl:", "zip:"}) {
            if (databaseLower.startsWith(notEmbeddedFile)) {
                return jdbcUrl;
            }
        }
        String path = databaseLower.startsWith("file:") ? database.substring("file:".length()) : database;
        // A file system prefix is a word of two or more letters and a colon (one letter is a Windows drive).
        String url = path.matches("(?s)[A-Za-z]{2,}:.*") ? jdbcUrl : "jdbc:h2:retry:" + path;
        return lower.contains("write_delay=") ? url : url + ";WRITE_DELAY=0";
    }

    /**
     * A factory for connections to this broker, which checks credentials against the configured users.
     * It also implements {@code QueueConnectionFactory} and {@code TopicConnectionFactory}.
     */
    public ConnectionFactory connectionFactory() {
        return new JmsConnectionFactory(broker, authenticator);
    }

    /** A factory for XA connections to this broker, for a transaction manager of the application's own. */
    public jakarta.jms.XAConnectionFactory xaConnectionFactory() {
        return new org.cairnmq.jms.JmsXAConnectionFactory(broker, authenticator);
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

    /**
     * What to start a broker over (a JDBC URL or a data source), and who may connect. Not thread-safe; one
     * builder per broker.
     */
    public static final class Builder {
        private String jdbcUrl;
        private DataSource dataSource;
        private final Map<String, char[]> users = new LinkedHashMap<>();
        private Boolean allowAnonymous;
        private BrokerOptions options = BrokerOptions.defaults();

        private Builder() {
        }

        /**
         * The name this broker registers under in its store (default: {@code -Dcairn.node.name}, else the
         * host name). Brokers sharing one database need distinct names; a broker restarting under the same
         * name takes over the messages its earlier life held.
         */
        public Builder nodeName(String name) {
            options = options.withNodeName(name);
            return this;
        }

        /**
         * How many ready messages each queue and durable subscription keeps in memory (default
         * {@value BrokerOptions#DEFAULT_QUEUE_MEMORY_LIMIT}); beyond it, persistent messages wait in the
         * store and are loaded page by page as consumers make room.
         */
        public Builder queueMemoryLimit(int messages) {
            options = options.withQueueMemoryLimit(messages);
            return this;
        }

        /**
         * How long this broker's claims on stored messages hold without renewal (default 30 s). When a broker
         * sharing the database dies, the others take over its messages once its lease has run out.
         */
        public Builder leaseMillis(long millis) {
            options = options.withLeaseMillis(millis);
            return this;
        }

        /**
         * How often this broker reads again the destinations and delivery policies operators stored
         * (default {@value BrokerOptions#DEFAULT_SETTINGS_REREAD_MILLIS} ms), to pick up what other brokers
         * sharing the database created, deleted or changed.
         */
        public Builder settingsRereadMillis(long millis) {
            options = options.withSettingsRereadMillis(millis);
            return this;
        }

        /**
         * The memory messages that cannot page may take, and what producers meet beyond it (default
         * {@link org.cairnmq.engine.FlowControl#defaults()}: a quarter of the heap for the broker, 64 MiB per
         * destination, sends blocked for at most 10 s). See docs/failures-flow-control.md.
         */
        public Builder flowControl(org.cairnmq.engine.FlowControl flowControl) {
            options = options.withFlowControl(flowControl);
            return this;
        }

        /**
         * The store's database, with a connection pool of the broker's own, as
         * {@link EmbeddedBroker#start(String)}.
         */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            this.dataSource = null;
            return this;
        }

        /** The store's database, through a pooling data source the application manages. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.jdbcUrl = null;
            return this;
        }

        /**
         * A user who may connect with this password. The password is kept only as a salted hash; a second
         * call for the same user replaces the password.
         */
        public Builder user(String name, String password) {
            users.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(password, "password")
                    .toCharArray());
            return this;
        }

        /**
         * Whether connections without credentials ({@code createConnection()}, {@code createContext()}) are
         * allowed. By default they are when no user is configured, and refused once there is one.
         */
        public Builder allowAnonymous(boolean allow) {
            this.allowAnonymous = allow;
            return this;
        }

        /**
         * Starts the broker, creating or upgrading the schema as needed.
         *
         * @throws IllegalStateException when neither a JDBC URL nor a data source was given, or when
         *                               anonymous connections are refused and no user is configured
         *                               (nobody could connect)
         */
        public EmbeddedBroker start() {
            Authenticator authenticator = authenticator();
            if (jdbcUrl != null) {
                return EmbeddedBroker.start(jdbcUrl, authenticator, options);
            }
            if (dataSource != null) {
                return EmbeddedBroker.start(dataSource, null, authenticator, options);
            }
            throw new IllegalStateException("Give the broker a store: jdbcUrl(...) or dataSource(...)");
        }

        private Authenticator authenticator() {
            boolean anonymous = allowAnonymous != null ? allowAnonymous : users.isEmpty();
            if (users.isEmpty() && !anonymous) {
                throw new IllegalStateException("allowAnonymous(false) without any user(...) would refuse every "
                        + "connection");
            }
            if (users.isEmpty()) {
                return Authenticator.allowAll();
            }
            return PasswordAuthenticator.of(users, anonymous);
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
