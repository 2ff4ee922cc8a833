package org.cairnmq.it.bench;

import java.util.List;
import org.jboss.as.arquillian.container.ManagementClient;

/** The server as the suite starts it: Artemis with its file journal as shipped, Cairn on its embedded H2. */
final class AsShippedPhase implements BenchPhase {

    @Override
    public String id() {
        return "h2";
    }

    @Override
    public String title() {
        return "Cairn on H2, Artemis with its file journal as shipped";
    }

    @Override
    public List<BenchTarget> targets() {
        return BenchTarget.ALL;
    }

    @Override
    public List<BenchScenario> defaultScenarios() {
        return List.of(BenchScenario.values());
    }

    @Override
    public void setUp(ManagementClient client) {
        // Nothing to change.
    }

    @Override
    public void tearDown(ManagementClient client) {
        // Nothing changed.
    }
}
