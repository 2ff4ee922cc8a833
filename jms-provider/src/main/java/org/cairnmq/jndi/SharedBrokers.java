package org.cairnmq.jndi;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.naming.NamingException;
import org.cairnmq.embedded.EmbeddedBroker;

/**
 * The embedded brokers that JNDI contexts use: one per distinct JDBC URL in this JVM, started by the first
 * context that names the URL and shared by every later one, so that contexts with the same URL reach the
 * same queues. A broker runs until {@link #stopAll()} or the end of the JVM (its threads are daemons).
 * Thread-safe; a broker starts under the registry's lock.
 */
final class SharedBrokers {
    /** The key of the broker used when no URL is given. */
    private static final String IN_MEMORY = "";
    private static final Map<String, Running> BROKERS = new HashMap<>();
    private static int inMemoryDatabases;

    private SharedBrokers() {
    }

    /** A broker with its store's URL, when Cairn chose it (the in-memory default). */
    private record Running(EmbeddedBroker broker, String generatedUrl) {
    }

    /**
     * The broker over this JDBC URL, started if it does not run yet; over a new in-memory H2 database when
     * the URL is {@code null}.
     *
     * @throws NamingException when the URL is not a JDBC URL or the broker does not start
     */
    static synchronized EmbeddedBroker broker(String jdbcUrl) throws NamingException {
        String key = jdbcUrl == null ? IN_MEMORY : jdbcUrl;
        Running running = BROKERS.get(key);
        if (running == null) {
            running = jdbcUrl == null ? startInMemory() : new Running(start(checkJdbcUrl(jdbcUrl), jdbcUrl), null);
            BROKERS.put(key, running);
        }
        return running.broker();
    }

    /** Whether the value is a JDBC URL (by its {@code jdbc:} scheme). */
    static boolean isJdbcUrl(String value) {
        return value.regionMatches(true, 0, "jdbc:", 0, 5);
    }

    private static String checkJdbcUrl(String url) throws NamingException {
        if (!isJdbcUrl(url)) {
            throw new NamingException("Cairn's java.naming.provider.url is the JDBC URL of the broker's store, "
                    + "such as jdbc:h2:./data/cairn or jdbc:postgresql://host/cairn?user=cairn&password=...; got '"
                    + url + "'. Cairn runs in this JVM and has no network transport (see docs/embedding.md).");
        }
        return url;
    }

    private static Running startInMemory() throws NamingException {
        String url = "jdbc:h2:mem:cairn-jndi-" + ++inMemoryDatabases + ";DB_CLOSE_DELAY=-1";
        try {
            Class.forName("org.h2.Driver");
        } catch (ClassNotFoundException e) {
            NamingException naming = new NamingException("No java.naming.provider.url is set, and Cairn's default, "
                    + "an in-memory H2 database, needs the H2 driver (com.h2database:h2) on the class path. Add it, "
                    + "or set java.naming.provider.url to the JDBC URL of the broker's store.");
            naming.setRootCause(e);
            throw naming;
        }
        return new Running(start(url, url), url);
    }

    private static EmbeddedBroker start(String url, String shownUrl) throws NamingException {
        try {
            return EmbeddedBroker.start(url);
        } catch (RuntimeException e) {
            NamingException naming = new NamingException("Could not start a Cairn broker over " + shownUrl + ": "
                    + e.getMessage());
            naming.setRootCause(e);
            throw naming;
        }
    }

    /**
     * Stops every broker and drops the in-memory databases Cairn created. Factories looked up earlier no
     * longer work; the next context starts brokers afresh (an in-memory one empty).
     */
    static synchronized void stopAll() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Running running : BROKERS.values()) {
            try {
                running.broker().close();
                if (running.generatedUrl() != null) {
                    dropInMemory(running.generatedUrl());
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        BROKERS.clear();
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Could not stop every Cairn broker");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** {@code DB_CLOSE_DELAY=-1} keeps an in-memory database until it is shut down. */
    private static void dropInMemory(String url) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop the in-memory database " + url, e);
        }
    }
}
