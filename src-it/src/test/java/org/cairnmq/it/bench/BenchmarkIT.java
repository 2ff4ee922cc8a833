package org.cairnmq.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark: the same scenarios, with the same code, against Cairn's pooled factory and Artemis's
 * factories in one server and one invocation, runs interleaved so that the machine's noise falls on all
 * alike. Not part of the test suite: {@code mvn verify -Pbench} (docs/benchmarks.md). Settings by system
 * property: {@code cairn.bench.seconds} (10), {@code cairn.bench.runs} (3), {@code cairn.bench.size}
 * (1024), {@code cairn.bench.clients} ("1,4"), {@code cairn.bench.rate} (500, latency scenario),
 * {@code cairn.bench.scenarios} (the phase's own), {@code cairn.bench.targets} (all; e.g. "Cairn" alone, or
 * "Cairn,Artemis JmsXA": labels' beginnings), {@code cairn.bench.warmup} (10 s per target and scenario, before
 * measuring), {@code cairn.bench.phases} ("h2,timer,postgresql": the server set-ups measured one after the other,
 * see {@link BenchPhase}).
 */
@Tag("benchmark")
@DisabledIfSystemProperty(named = "cairn.bench.matrix", matches = "false") // to run only curves or backlog
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(ArtemisBenchDestinations.class)
class BenchmarkIT extends BenchServerTest {

    private final int seconds = Integer.getInteger("cairn.bench.seconds", 10);
    private final int runs = Integer.getInteger("cairn.bench.runs", 3);
    private final int size = Integer.getInteger("cairn.bench.size", 1024);
    private final int rate = Integer.getInteger("cairn.bench.rate", 500);
    private final int warmUp = Integer.getInteger("cairn.bench.warmup", 10);
    private final List<Integer> clients = Arrays.stream(System.getProperty("cairn.bench.clients", "1,4").split(","))
            .map(String::trim).map(Integer::valueOf).toList();

    @Test
    void cairnAgainstArtemis(@ArquillianResource @OperateOnDeployment("bench") ManagementClient management)
            throws Exception {
        List<BenchScenario> scenarios = new ArrayList<>();
        for (String name : System.getProperty("cairn.bench.scenarios", "").split(",")) {
            if (!name.isBlank()) {
                scenarios.add(BenchScenario.valueOf(name.trim()));
            }
        }
        PhaseReports reports = new PhaseReports();
        long lost = 0;
        for (BenchPhase phase : BenchPhase.selected()) {
            System.out.println("Benchmark phase " + phase.id() + ": " + phase.title());
            Exception failure = null;
            try {
                phase.setUp(management);
                BenchReport report = new BenchReport(String.format("%d B messages, %d s per run, %d runs, latency "
                        + "at %d msg/s", size, seconds, runs, rate), targets(phase));
                reports.add(phase, report);
                lost += measure(phase, phase.scenarios(scenarios), report);
            } catch (Exception e) {
                failure = e;
                throw e;
            } finally {
                reports.write(Path.of("target", "benchmark"));
                tearDown(phase, management, failure);
            }
        }
        System.out.println(reports.markdown());
        assertEquals(0, lost, "messages lost or duplicated; see target/benchmark/results.jsonl");
    }

    /** Puts the server back after a phase; if the phase failed, that failure stays the one reported. */
    private static void tearDown(BenchPhase phase, ManagementClient management, Exception failure) throws Exception {
        try {
            phase.tearDown(management);
        } catch (Exception e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /**
     * The phase's targets whose labels start with one of those {@code cairn.bench.targets} names (all when it
     * names none). Cairn stays first and cannot be left out: the ratios divide its figures by the others'.
     */
    private static List<BenchTarget> targets(BenchPhase phase) {
        List<String> named = Arrays.stream(System.getProperty("cairn.bench.targets", "").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
        if (named.isEmpty()) {
            return phase.targets();
        }
        List<BenchTarget> chosen = phase.targets().stream()
                .filter(target -> named.stream().anyMatch(name -> target.label().startsWith(name))).toList();
        if (chosen.isEmpty() || !chosen.get(0).equals(phase.targets().get(0))) {
            throw new IllegalArgumentException("cairn.bench.targets=" + named + " leaves out "
                    + phase.targets().get(0).label() + ", whose figures the ratios divide");
        }
        return chosen;
    }

    /** Warms the phase's targets up, then runs its matrix, targets interleaved; returns the messages lost or doubled. */
    private long measure(BenchPhase phase, List<BenchScenario> scenarios, BenchReport report) throws Exception {
        List<BenchTarget> targets = targets(phase);
        // Warm-up, not recorded: the server's JIT compiles every target's paths before anything is measured.
        for (BenchScenario scenario : List.of(BenchScenario.PERSISTENT, BenchScenario.TRANSACTED,
                BenchScenario.NON_PERSISTENT)) {
            if (phase.defaultScenarios().contains(scenario)) {
                for (BenchTarget target : targets) {
                    BenchDeployment.run(base, target, scenario, 2, 2, size, warmUp, rate);
                }
            }
        }
        long lost = 0;
        for (BenchScenario scenario : scenarios) {
            for (int n : clients) {
                for (int run = 1; run <= runs; run++) {
                    for (BenchTarget target : targets) {
                        int producers = scenario == BenchScenario.LATENCY ? 1 : n;
                        BenchResult result = BenchDeployment.run(base, target, scenario, producers, n, size, seconds,
                                rate);
                        // The time of day lets a slow run be matched with the server's and the database's logs.
                        System.out.printf("%s %s %s P=C=%d run %d %s: %s%n", java.time.LocalTime.now().withNano(0),
                                phase.id(), scenario, n, run, target.label(), result);
                        report.add(scenario, n, target, result);
                        lost += result.lost() + result.duplicated();
                    }
                }
            }
        }
        return lost;
    }
}
