package org.cairnmq.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.cairnmq.testing.PostgresCluster;

/**
 * One node against two on one PostgreSQL, each node a {@link ClusterBenchmarkNode} in a JVM of its own, on a
 * durable PostgreSQL started for the run ({@link PostgresCluster#startDurable}: fsync on). Measures, per run
 * on a new database, after a warm-up:
 *
 * <ul>
 *   <li>throughput: persistent 1 KiB messages, 4 producers and 4 consumers in all (2 and 2 on each node with
 *       two nodes), as fast as sends return: messages received per second, and CPU seconds per 1,000 of them
 *       of each node's JVM and of the PostgreSQL server (all its processes, from {@code /proc});
 *   <li>latency: one producer on node a sending 500 msg/s, one consumer on node a (one node) or node b (two
 *       nodes): p50 and p99 of receive time minus send time (wall clock, one machine).
 * </ul>
 *
 * <p>Prints each run, then the medians over the runs; the scenarios take turns run by run, so that the
 * machine's mood treats them alike. Not a test: run it by hand (docs/benchmarks.md). Arguments (all optional):
 * seconds of warm-up per run (15), seconds measured per run (10), runs (3).
 */
public final class ClusterBenchmark {
    /** One node of a scenario: its name, producers, consumers, and messages per second (0: unpaced). */
    record NodeSpec(String name, int producers, int consumers, double rate) {
    }

    record Scenario(String label, boolean latency, List<NodeSpec> nodes) {
    }

    /** What one run measured; CPU per 1,000 received, {@code NaN} for a node the scenario has not. */
    record Figures(double perSecond, double cpuA, double cpuB, double cpuPostgres, double p50, double p99,
            int latencies) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f msg/s received; CPU s per 1,000: node a %.3f, node b %s,"
                    + " PostgreSQL %.3f; latency p50 %,.0f µs, p99 %,.0f µs (%d latencies)", perSecond, cpuA,
                    Double.isNaN(cpuB) ? "—" : String.format(Locale.ROOT, "%.3f", cpuB), cpuPostgres, p50, p99,
                    latencies);
        }
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("throughput, 1 node", false, List.of(new NodeSpec("a", 4, 4, 0))),
            new Scenario("throughput, 2 nodes", false,
                    List.of(new NodeSpec("a", 2, 2, 0), new NodeSpec("b", 2, 2, 0))),
            new Scenario("latency, 1 node (a to a)", true, List.of(new NodeSpec("a", 1, 1, 500))),
            new Scenario("latency, 2 nodes (a to b)", true,
                    List.of(new NodeSpec("a", 1, 0, 500), new NodeSpec("b", 0, 1, 0))));
    private static final Path FOLDER = Path.of("target", "bench", "cluster").toAbsolutePath();

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double warmUp = args.length > 0 ? Double.parseDouble(args[0]) : 15;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(FOLDER);
        PostgresCluster postgres = PostgresCluster.startDurable(FOLDER.resolve("postgresql"));
        try {
            System.out.printf(Locale.ROOT, "%d processors, %s %s; %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), durability(postgres));
            System.out.printf(Locale.ROOT, "%d runs of %.0f s after %.0f s of warm-up each, a new database each%n",
                    runs, seconds, warmUp);
            Map<Scenario, List<Figures>> results = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (Scenario scenario : SCENARIOS) {
                    Figures figures = new ScenarioRun(postgres, scenario, FOLDER, run).measure(warmUp, seconds);
                    System.out.printf(Locale.ROOT, "run %d, %s: %s%n", run, scenario.label(), figures);
                    results.computeIfAbsent(scenario, s -> new ArrayList<>()).add(figures);
                }
            }
            printMedians(results, runs);
        } finally {
            postgres.stop();
        }
    }

    private static void printMedians(Map<Scenario, List<Figures>> results, int runs) {
        System.out.printf(Locale.ROOT, "%nMedians of %d runs. Throughput: persistent 1 KiB, 4 producers and"
                + " 4 consumers in all%n", runs);
        System.out.println("| nodes | msg/s received | CPU s per 1,000 msg: node a | node b | PostgreSQL |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Scenario s : SCENARIOS.subList(0, 2)) {
            List<Figures> f = results.get(s);
            System.out.printf(Locale.ROOT, "| %d | %,.0f | %.3f | %s | %.3f |%n", s.nodes().size(),
                    median(f, Figures::perSecond), median(f, Figures::cpuA),
                    s.nodes().size() > 1 ? String.format(Locale.ROOT, "%.3f", median(f, Figures::cpuB)) : "—",
                    median(f, Figures::cpuPostgres));
        }
        System.out.println("\nLatency: one producer on node a at 500 msg/s, one consumer");
        System.out.println("| nodes | msg/s received | p50 µs | p99 µs |");
        System.out.println("|---|---:|---:|---:|");
        for (Scenario s : SCENARIOS.subList(2, 4)) {
            List<Figures> f = results.get(s);
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f |%n", s.label().replace("latency, ", ""), median(f, Figures::perSecond),
                    median(f, Figures::p50), median(f, Figures::p99));
        }
    }

    private static double median(List<Figures> runs, ToDoubleFunction<Figures> figure) {
        double[] sorted = runs.stream().mapToDouble(figure).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** PostgreSQL's durability settings as the server reports them, and Cairn's. */
    private static String durability(PostgresCluster postgres) throws SQLException {
        StringBuilder settings = new StringBuilder("PostgreSQL");
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"));
             Statement s = c.createStatement()) {
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes",
                    "wal_sync_method")) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.append(' ').append(name).append('=').append(rs.getString(1));
                }
            }
        }
        return settings + "; Cairn: a persistent send returns once PostgreSQL committed it";
    }
}
