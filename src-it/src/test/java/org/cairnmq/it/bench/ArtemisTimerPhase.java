package org.cairnmq.it.bench;

import java.util.List;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Artemis with its journal flush timer at 500 µs ({@code journal-buffer-timeout} 500,000 ns) instead of
 * the NIO journal's default of about 3.3 ms, beside Cairn on H2 as shipped. The timer bounds how long a
 * durable send waits for the journal's next flush, so it is Artemis's own knob for persistent latency.
 */
final class ArtemisTimerPhase implements BenchPhase {
    static final long TIMEOUT_NANOS = 500_000;
    private static final String ATTRIBUTE = "journal-buffer-timeout";
    private static final String SUFFIX = " (timer 500 µs)";

    @Override
    public String id() {
        return "timer";
    }

    @Override
    public String title() {
        return "Artemis with its journal timer at 500 µs, Cairn on H2";
    }

    @Override
    public List<BenchTarget> targets() {
        return List.of(BenchTarget.CAIRN, BenchTarget.ARTEMIS.suffixed(SUFFIX), BenchTarget.ARTEMIS_XA.suffixed(SUFFIX));
    }

    @Override
    public List<BenchScenario> defaultScenarios() {
        return PERSISTENT_SCENARIOS;
    }

    @Override
    public boolean runs(BenchScenario scenario) {
        return PERSISTENT_SCENARIOS.contains(scenario);
    }

    @Override
    public void setUp(ManagementClient client) throws Exception {
        ServerManagement.writeAttribute(client, ServerManagement.artemisServer(), ATTRIBUTE,
                new ModelNode(TIMEOUT_NANOS));
        org.cairnmq.it.support.ServerManagement.reload(client);
        long now = ServerManagement.readAttribute(client, ServerManagement.artemisServer(), ATTRIBUTE).asLong();
        if (now != TIMEOUT_NANOS) {
            throw new IllegalStateException(ATTRIBUTE + " is " + now + " after the reload");
        }
    }

    @Override
    public void tearDown(ManagementClient client) throws Exception {
        ServerManagement.undefineAttribute(client, ServerManagement.artemisServer(), ATTRIBUTE);
        org.cairnmq.it.support.ServerManagement.reload(client);
    }
}
