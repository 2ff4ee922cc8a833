package org.cairnmq.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cairnmq.bench.ClusterBenchmark.Figures;
import org.cairnmq.bench.ClusterBenchmark.NodeSpec;
import org.cairnmq.bench.ClusterBenchmark.Scenario;
import org.cairnmq.bench.NodeProcess.Sample;
import org.cairnmq.testing.PostgresCluster;

/** One run of one {@link ClusterBenchmark} scenario: its nodes started on a new database, loaded, measured. */
final class ScenarioRun {
    private final PostgresCluster postgres;
    private final Scenario scenario;
    private final Path folder;
    private final int run;

    ScenarioRun(PostgresCluster postgres, Scenario scenario, Path folder, int run) {
        this.postgres = postgres;
        this.scenario = scenario;
        this.folder = folder;
        this.run = run;
    }

    Figures measure(double warmUpSeconds, double seconds) throws Exception {
        String url = postgres.createDatabase();
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            // One after the other: the first creates the schema.
            for (NodeSpec spec : scenario.nodes()) {
                String file = scenario.label().replaceAll("\\W+", " ").trim().replace(' ', '-');
                Path log = folder.resolve(file + "-run-" + run + "-node-" + spec.name() + ".log");
                nodes.add(NodeProcess.start(log, url, spec.name(), spec.producers(), spec.consumers(), spec.rate()));
            }
            if (nodes.size() > 1) {
                // Only the first node started alone; it must know of the others before anything is sent, or
                // it would keep its sends in memory (what a lone node does) until its next lease renewal.
                nodes.get(0).awaitOthers();
            }
            for (NodeProcess node : nodes) {
                node.startProducers();
            }
            sleep(warmUpSeconds);
            long postmaster = postgres.postmasterPid();
            List<Sample> before = sample(nodes);
            double postgresBefore = ProcessCpu.treeSeconds(postmaster);
            long start = System.nanoTime();
            sleep(seconds);
            List<Sample> after = sample(nodes);
            double postgresAfter = ProcessCpu.treeSeconds(postmaster);
            double elapsed = (System.nanoTime() - start) / 1e9;
            return figures(before, after, postgresAfter - postgresBefore, elapsed);
        } finally {
            for (NodeProcess node : nodes) {
                node.close();
            }
        }
    }

    private Figures figures(List<Sample> before, List<Sample> after, double postgresCpu, double elapsed) {
        long received = 0;
        for (int i = 0; i < after.size(); i++) {
            received += after.get(i).received() - before.get(i).received();
        }
        double thousands = received / 1000.0;
        double cpuA = (after.get(0).cpuSeconds() - before.get(0).cpuSeconds()) / thousands;
        double cpuB = after.size() > 1 ? (after.get(1).cpuSeconds() - before.get(1).cpuSeconds()) / thousands
                : Double.NaN;
        // Latencies from the node that consumes: the last one (b with two nodes, a alone).
        Sample consumer = after.get(after.size() - 1);
        return new Figures(received / elapsed, cpuA, cpuB, postgresCpu / thousands, consumer.p50Micros(),
                consumer.p99Micros(), consumer.latencies());
    }

    private static List<Sample> sample(List<NodeProcess> nodes) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (NodeProcess node : nodes) {
            samples.add(node.sample()); // also starts the window of latencies measured
        }
        return samples;
    }

    private static void sleep(double seconds) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep((long) (seconds * 1000)); // the timed window a benchmark measures
    }
}
