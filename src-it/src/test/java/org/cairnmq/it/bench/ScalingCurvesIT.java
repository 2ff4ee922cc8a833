package org.cairnmq.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scaling curves: throughput against the number of producers = consumers (at one message size) and
 * against the message size (at one client count), for every target, runs interleaved as in
 * {@link BenchmarkIT}, each message checked to arrive exactly once. Runs with the benchmark profile when
 * {@code cairn.bench.curves=true} (docs/benchmarks.md). Settings: {@code cairn.bench.scenarios}
 * ("PERSISTENT,NON_PERSISTENT"), {@code cairn.bench.clients} ("1,2,4,8,16"), {@code cairn.bench.size}
 * (1024, the clients curve's size), {@code cairn.bench.sizes} ("100,1024,10240,102400,1048576"),
 * {@code cairn.bench.curve.clients} (1, the size curve's P = C), {@code cairn.bench.inflight.mib} (32: producers
 * wait while this much is sent and not received, so that 1 MiB messages stay within the server's heap),
 * {@code cairn.bench.seconds}, {@code cairn.bench.runs}, {@code cairn.bench.warmup} as for the matrix.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "cairn.bench.curves", matches = "true")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(ArtemisBenchDestinations.class)
class ScalingCurvesIT extends BenchServerTest {

    @Test
    void throughputAgainstClientsAndSize() throws Exception {
        int seconds = Integer.getInteger("cairn.bench.seconds", 10);
        int runs = Integer.getInteger("cairn.bench.runs", 3);
        int warmUp = Integer.getInteger("cairn.bench.warmup", 10);
        int size = Integer.getInteger("cairn.bench.size", 1024);
        int sizeCurveClients = Integer.getInteger("cairn.bench.curve.clients", 1);
        long inFlightBytes = Long.getLong("cairn.bench.inflight.mib", 32) << 20;
        List<BenchScenario> scenarios = list("cairn.bench.scenarios", "PERSISTENT,NON_PERSISTENT").stream()
                .map(BenchScenario::valueOf).toList();
        List<Integer> clients = list("cairn.bench.clients", "1,2,4,8,16").stream().map(Integer::valueOf).toList();
        List<Integer> sizes = list("cairn.bench.sizes", "100,1024,10240,102400,1048576").stream()
                .map(Integer::valueOf).toList();

        // Every distinct point once: the clients curve and the size curve share (sizeCurveClients, size).
        Set<CurvePointKey> points = new LinkedHashSet<>();
        clients.forEach(n -> points.add(new CurvePointKey(n, size)));
        sizes.forEach(s -> points.add(new CurvePointKey(sizeCurveClients, s)));

        for (BenchTarget target : BenchTarget.ALL) { // warm-up, not recorded
            BenchDeployment.run(base, target, BenchScenario.PERSISTENT, 2, 2, size, warmUp, 0, maxInFlight(inFlightBytes, size));
        }
        CurveReport report = new CurveReport(String.format("%d s per run, %d runs, at most %d MiB in flight",
                seconds, runs, inFlightBytes >> 20), BenchTarget.ALL, size, sizeCurveClients);
        long lostOrTwice = 0;
        for (BenchScenario scenario : scenarios) {
            for (CurvePointKey key : points) {
                for (int run = 1; run <= runs; run++) {
                    for (BenchTarget target : BenchTarget.ALL) {
                        BenchResult result = BenchDeployment.run(base, target, scenario, key.clients(), key.clients(),
                                key.size(), seconds, 0, maxInFlight(inFlightBytes, key.size()));
                        System.out.printf("%s P=C=%d %d B run %d %s: %s%n", scenario, key.clients(), key.size(), run,
                                target.label(), result);
                        report.add(new CurveReport.Point(scenario, key.clients(), key.size()), target, result);
                        lostOrTwice += result.lost() + result.duplicated();
                    }
                }
            }
        }
        report.write(Path.of("target", "benchmark"));
        System.out.println(report.table());
        assertEquals(0, lostOrTwice, "messages lost or duplicated; see target/benchmark/curves.jsonl");
    }

    /** Messages in flight for a byte budget (a transacted producer may still send one whole transaction). */
    static int maxInFlight(long bytes, int size) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / Math.max(1, size)));
    }

    private static List<String> list(String property, String otherwise) {
        String value = System.getProperty(property, "");
        return Arrays.stream((value.isBlank() ? otherwise : value).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    private record CurvePointKey(int clients, int size) {
    }
}
