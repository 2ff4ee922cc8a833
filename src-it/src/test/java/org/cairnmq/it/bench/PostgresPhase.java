package org.cairnmq.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.cairnmq.it.support.PostgresStore;
import org.cairnmq.testing.PostgresCluster;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Cairn and Artemis both on one throw-away PostgreSQL cluster (the unit tests' {@link PostgresCluster},
 * on 127.0.0.1), each in its own database: the driver deployed to the server, a non-JTA data source for
 * each, Cairn's adapter pointed at its own by the system property {@code cairn.store.datasource}, Artemis
 * switched to its JDBC journal by {@code journal-datasource}; then a reload, so that both start on
 * PostgreSQL. The cluster runs with fsync on (PostgresCluster turns it off for unit tests), unless
 * {@code -Dcairn.bench.postgresql.fsync=false}. Tear-down puts the server back and stops the cluster.
 */
final class PostgresPhase implements BenchPhase {
    static final String CAIRN_DATA_SOURCE = "CairnBenchPostgresDS";
    static final String ARTEMIS_DATA_SOURCE = "ArtemisBenchPostgresDS";
    private static final int MAX_POOL_SIZE = 20;

    private PostgresCluster cluster;

    @Override
    public String id() {
        return "postgresql";
    }

    @Override
    public String title() {
        return "Cairn and Artemis's JDBC journal on the same PostgreSQL";
    }

    @Override
    public List<BenchTarget> targets() {
        return List.of(BenchTarget.CAIRN.suffixed(" (PostgreSQL)"), BenchTarget.ARTEMIS.suffixed(" (JDBC)"),
                BenchTarget.ARTEMIS_XA.suffixed(" (JDBC)"));
    }

    @Override
    public List<BenchScenario> defaultScenarios() {
        return PERSISTENT_SCENARIOS;
    }

    @Override
    public void setUp(ManagementClient client) throws Exception {
        cluster = PostgresCluster.shared();
        if (Boolean.parseBoolean(System.getProperty("cairn.bench.postgresql.fsync", "true"))) {
            makeDurable(cluster.jdbcUrl("postgres"));
        }
        // As docs/store.md advises: the connections plan each execution from their start (CustomPlans).
        String cairnUrl = cluster.createDatabase() + "&options=-c%20plan_cache_mode%3Dforce_custom_plan";
        String artemisUrl = cluster.createDatabase();
        System.out.println("PostgreSQL phase: " + cluster + ", Cairn on " + cairnUrl + ", Artemis on " + artemisUrl);

        PostgresStore.deployDriver(client.getControllerClient());
        PostgresStore.addDataSource(client.getControllerClient(), CAIRN_DATA_SOURCE, cairnUrl, MAX_POOL_SIZE);
        PostgresStore.addDataSource(client.getControllerClient(), ARTEMIS_DATA_SOURCE, artemisUrl, MAX_POOL_SIZE);
        PostgresStore.pointCairnAt(client.getControllerClient(), CAIRN_DATA_SOURCE);
        ServerManagement.writeAttribute(client, ServerManagement.artemisServer(), "journal-datasource",
                new ModelNode(ARTEMIS_DATA_SOURCE));
        long logLength = PostgresStore.serverLogLength();
        org.cairnmq.it.support.ServerManagement.reload(client);

        String journal = ServerManagement.readAttribute(client, ServerManagement.artemisServer(),
                "runtime-journal-type").asString();
        if (!"DATABASE".equals(journal)) {
            throw new IllegalStateException("Artemis runs its " + journal + " journal, not the JDBC one");
        }
        PostgresStore.awaitCairnStarted(CAIRN_DATA_SOURCE, logLength);
        System.out.println("PostgreSQL phase: Cairn started on " + PostgresStore.jndiName(CAIRN_DATA_SOURCE));
    }

    /** Puts the server back step by step (as far as set-up got), then stops the cluster; fails with all errors. */
    @Override
    public void tearDown(ManagementClient client) throws Exception {
        List<Exception> errors = new ArrayList<>();
        ModelNode artemis = ServerManagement.artemisServer();
        attempt(errors, () -> ServerManagement.undefineAttribute(client, artemis, "journal-datasource"));
        attempt(errors, () -> PostgresStore.pointCairnBack(client.getControllerClient()));
        for (String dataSource : List.of(CAIRN_DATA_SOURCE, ARTEMIS_DATA_SOURCE)) {
            attempt(errors, () -> PostgresStore.removeDataSource(client.getControllerClient(), dataSource));
        }
        // Both back on their own stores; the removed data sources' services go only with the reload, and
        // the driver only after them.
        attempt(errors, () -> org.cairnmq.it.support.ServerManagement.reload(client));
        attempt(errors, () -> PostgresStore.undeployDriver(client.getControllerClient()));
        if (cluster != null) {
            cluster.stop();
        }
        if (!errors.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Could not put the server back after the "
                    + "PostgreSQL phase (" + errors.size() + " errors)", errors.get(0));
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** A benchmark of stores must pay for durable commits: PostgreSQL's defaults, not the unit tests' settings. */
    private static void makeDurable(String adminUrl) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET fsync = on");
            s.execute("ALTER SYSTEM SET full_page_writes = on");
            // What explains a slow run, in the cluster's server.log: checkpoints, vacuums, lock waits, slow statements.
            s.execute("ALTER SYSTEM SET log_checkpoints = on");
            s.execute("ALTER SYSTEM SET log_autovacuum_min_duration = 0");
            s.execute("ALTER SYSTEM SET log_lock_waits = on");
            s.execute("ALTER SYSTEM SET track_wal_io_timing = on"); // pg_stat_wal: time spent writing and syncing WAL
            s.execute("ALTER SYSTEM SET log_min_duration_statement = "
                    + Integer.getInteger("cairn.bench.postgresql.logSlowerThan", 100));
            s.execute("SELECT pg_reload_conf()");
        }
        // The server applies a reload asynchronously; a new connection sees it once done.
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SHOW fsync")) {
                r.next();
                if ("on".equals(r.getString(1))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("PostgreSQL did not turn fsync on");
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void attempt(List<Exception> errors, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            errors.add(e);
        }
    }
}
