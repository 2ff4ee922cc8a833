package org.cairnmq.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark from rotting: every scenario, briefly, against Cairn and Artemis, with every message
 * delivered exactly once. Figures come from {@link BenchmarkIT}, not from here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(ArtemisBenchDestinations.class)
class BenchmarkSmokeIT extends BenchServerTest {

    @Test
    void everyScenarioDeliversEachMessageOnce() throws Exception {
        for (BenchScenario scenario : BenchScenario.values()) {
            for (BenchTarget target : new BenchTarget[] {BenchTarget.CAIRN, BenchTarget.ARTEMIS_XA}) {
                BenchResult result = BenchDeployment.run(base, target, scenario, 1, 1, 256, 1, 200);
                String what = target.label() + " " + scenario + ": " + result;
                assertTrue(result.sent() > 0, what);
                assertEquals(0, result.lost(), what);
                assertEquals(0, result.duplicated(), what);
            }
        }
    }

    /** The scaling curves' and the deep backlog's pieces: one curve point of 100 B, a backlog of 2,000. */
    @Test
    void curvePointAndSmallBacklogDeliverEachMessageOnce() throws Exception {
        CurveReport curves = new CurveReport("smoke", BenchTarget.ALL, 1024, 1);
        for (BenchTarget target : BenchTarget.ALL) {
            BenchResult result = BenchDeployment.run(base, target, BenchScenario.PERSISTENT, 1, 1, 100, 1, 0, 1_000);
            String what = target.label() + " 100 B: " + result;
            assertTrue(result.sent() > 0, what);
            assertEquals(0, result.lost() + result.duplicated(), what);
            curves.add(new CurveReport.Point(BenchScenario.PERSISTENT, 1, 100), target, result);
        }
        BacklogResult backlog = BacklogCall.run(base, BenchTarget.CAIRN, new BacklogCall.Settings(2_000, 2_000, 1, 1, 2,
                1024), Duration.ofMinutes(2), Duration.ofSeconds(10));
        assertEquals(0, backlog.lost() + backlog.duplicated(), backlog.json());
        assertTrue(backlog.segments().size() >= 2, backlog.json()); // the full queue, then the segments
        assertTrue(backlog.deepRate() > 0 && backlog.shallowRate() > 0 && backlog.fillRate() > 0, backlog.json());
        BacklogReport report = new BacklogReport();
        report.add(BenchTarget.CAIRN, backlog);
        Path out = Path.of("target", "benchmark-smoke");
        curves.write(out);
        report.write(out);
    }
}
