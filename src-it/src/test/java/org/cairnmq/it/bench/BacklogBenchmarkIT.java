package org.cairnmq.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A backlog far deeper than memory, in the server: fill one queue with persistent 1 KiB messages before
 * any consumer starts, then drain it, measuring the consume rate and the heap per segment against the
 * rate on a shallow queue ({@link BacklogRun}). Runs with the benchmark profile when
 * {@code cairn.bench.backlog} (the depth, e.g. 200000 or 10000000) is set (docs/benchmarks.md). Settings:
 * {@code cairn.bench.backlog.targets} ("CAIRN"; also ARTEMIS, ARTEMIS_XA), {@code cairn.bench.backlog.consumers}
 * (1), {@code cairn.bench.backlog.producers} (1, filling), {@code cairn.bench.backlog.segments} (20),
 * {@code cairn.bench.backlog.shallow} (messages of the shallow phase: the backlog's depth up to 200,000),
 * {@code cairn.bench.size} (1024).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "cairn.bench.backlog", matches = "\\d+")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(ArtemisBenchDestinations.class)
class BacklogBenchmarkIT extends BenchServerTest {

    @Test
    void drainRateAndHeapStayFlat() throws Exception {
        long messages = Long.getLong("cairn.bench.backlog");
        BacklogCall.Settings settings = new BacklogCall.Settings(messages,
                Long.getLong("cairn.bench.backlog.shallow", Math.min(messages, 200_000)),
                Integer.getInteger("cairn.bench.backlog.producers", 1),
                Integer.getInteger("cairn.bench.backlog.consumers", 1),
                Integer.getInteger("cairn.bench.backlog.segments", 20), Integer.getInteger("cairn.bench.size", 1024));
        // Generous: a rate of 1,000 msg/s for each of filling and draining, and an hour besides.
        Duration limit = Duration.ofSeconds(2 * messages / 1_000 + 3_600);
        BacklogReport report = new BacklogReport();
        long lostOrTwice = 0;
        for (String name : System.getProperty("cairn.bench.backlog.targets", "CAIRN").split(",")) {
            BenchTarget target = switch (name.trim()) {
                case "CAIRN" -> BenchTarget.CAIRN;
                case "ARTEMIS" -> BenchTarget.ARTEMIS;
                case "ARTEMIS_XA" -> BenchTarget.ARTEMIS_XA;
                default -> throw new IllegalArgumentException("Unknown target " + name + " (CAIRN, ARTEMIS, ARTEMIS_XA)");
            };
            BacklogResult result = BacklogCall.run(base, target, settings, limit, Duration.ofSeconds(10));
            System.out.println(target.label() + " backlog: " + result.json());
            report.add(target, result);
            lostOrTwice += result.lost() + result.duplicated();
            report.write(Path.of("target", "benchmark")); // after each target: a long run keeps what it measured
        }
        System.out.println(report.table());
        assertEquals(0, lostOrTwice, "messages lost or duplicated; see target/benchmark/backlog.jsonl");
    }
}
