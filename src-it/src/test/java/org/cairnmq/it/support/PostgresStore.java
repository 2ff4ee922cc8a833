package org.cairnmq.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Moves the suite server's Cairn onto a PostgreSQL data source and back: the PostgreSQL driver deployed
 * from the local Maven repository, a non-JTA data source on 127.0.0.1, and the system property
 * {@value #STORE_PROPERTY} that the adapter reads at start (a reload follows). Client side only.
 */
public final class PostgresStore {
    public static final String DRIVER_DEPLOYMENT = "cairn-it-postgresql.jar";
    public static final String STORE_PROPERTY = "cairn.store.datasource";
    private static final long BROKER_START_TIMEOUT_MILLIS = 120_000;

    private PostgresStore() {
    }

    public static String jndiName(String dataSource) {
        return "java:jboss/datasources/" + dataSource;
    }

    public static void deployDriver(ModelControllerClient client) throws Exception {
        ModelNode deploy = Operations.createAddOperation(Operations.createAddress("deployment", DRIVER_DEPLOYMENT));
        // The driver jar on this JVM's class path, for the server to copy.
        deploy.get("content").add().get("url").set(
                org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI().toString());
        deploy.get("enabled").set(true);
        ServerManagement.execute(client, deploy);
    }

    public static void undeployDriver(ModelControllerClient client) throws IOException {
        ServerManagement.execute(client,
                Operations.createRemoveOperation(Operations.createAddress("deployment", DRIVER_DEPLOYMENT)));
    }

    /** A pool on {@code url} that the broker runs its own transactions on: never enlisted in the caller's JTA one. */
    public static void addDataSource(ModelControllerClient client, String name, String url, int maxPoolSize)
            throws IOException {
        ModelNode add = Operations.createAddOperation(dataSource(name));
        add.get("jndi-name").set(jndiName(name));
        add.get("driver-name").set(DRIVER_DEPLOYMENT);
        add.get("connection-url").set(url);
        add.get("user-name").set("cairn");
        add.get("jta").set(false);
        add.get("min-pool-size").set(1);
        add.get("max-pool-size").set(maxPoolSize);
        // As docs/store.md and docs/failures.md advise: broken connections are found and replaced after a
        // database restart, and a request for a connection waits at most 10 s.
        add.get("valid-connection-checker-class-name")
                .set("org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker");
        add.get("exception-sorter-class-name")
                .set("org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLExceptionSorter");
        add.get("validate-on-match").set(true);
        add.get("blocking-timeout-wait-millis").set(10_000);
        ServerManagement.execute(client, add);
        ServerManagement.execute(client, Operations.createOperation("test-connection-in-pool", dataSource(name)));
    }

    public static void removeDataSource(ModelControllerClient client, String name) throws IOException {
        ServerManagement.execute(client, Operations.createRemoveOperation(dataSource(name)));
    }

    /** Cairn's adapter takes its store from this data source at its next start. */
    public static void pointCairnAt(ModelControllerClient client, String dataSource) throws IOException {
        ModelNode property = Operations.createAddOperation(Operations.createAddress("system-property", STORE_PROPERTY));
        property.get("value").set(jndiName(dataSource));
        ServerManagement.execute(client, property);
    }

    /** Back to the store the EAR configures. */
    public static void pointCairnBack(ModelControllerClient client) throws IOException {
        ServerManagement.execute(client,
                Operations.createRemoveOperation(Operations.createAddress("system-property", STORE_PROPERTY)));
    }

    /** Where the server's log ends now: {@link #awaitCairnStarted} reads what is written after. */
    public static long serverLogLength() throws IOException {
        return Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
    }

    /**
     * The adapter starts its broker in the background; waits for its log line that says on which data source,
     * written after {@code since} (a {@link #serverLogLength()}).
     */
    public static void awaitCairnStarted(String dataSource, long since) throws IOException, InterruptedException {
        awaitCairnStarted(serverLog(), dataSource, since);
    }

    /** As {@link #awaitCairnStarted(String, long)}, in the log of another server. */
    public static void awaitCairnStarted(Path log, String dataSource, long since) throws IOException,
            InterruptedException {
        String started = "CAIRN-RA-003 Cairn broker started on " + jndiName(dataSource);
        String failed = "CAIRN-RA-004 Cairn broker failed to start on " + jndiName(dataSource);
        long deadline = System.currentTimeMillis() + BROKER_START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            String text = "";
            if (Files.exists(log)) {
                byte[] bytes = Files.readAllBytes(log);
                int from = (int) Math.min(since, bytes.length);
                text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
            }
            if (text.contains(failed)) {
                throw new IllegalStateException(failed + "; see " + log);
            }
            if (text.contains(started)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("No '" + started + "' in " + log + " within "
                + BROKER_START_TIMEOUT_MILLIS / 1000 + " s");
    }

    private static Path serverLog() {
        return Path.of(System.getProperty("cairn.it.base.dir.suite", "target/wildfly-base-suite"), "log", "server.log");
    }

    private static ModelNode dataSource(String name) {
        return Operations.createAddress("subsystem", "datasources", "data-source", name);
    }
}
