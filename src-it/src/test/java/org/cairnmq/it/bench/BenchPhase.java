package org.cairnmq.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.as.arquillian.container.ManagementClient;

/**
 * One configuration of the server under which the benchmark measures its targets: Cairn and Artemis as
 * shipped, Artemis with a shorter journal flush timer, both on PostgreSQL. A phase sets the server up,
 * names the targets and scenarios it measures, and puts the server back as it found it.
 */
interface BenchPhase {
    /** The scenarios whose messages are written to the store, the ones a store's configuration changes. */
    List<BenchScenario> PERSISTENT_SCENARIOS = List.of(BenchScenario.PERSISTENT, BenchScenario.TRANSACTED,
            BenchScenario.REQUEST_REPLY, BenchScenario.LATENCY);

    /** Short name, as in {@code -Dcairn.bench.phases} and the {@code phase} field of results.jsonl. */
    String id();

    /** Heading of the phase's section in results.md. */
    String title();

    /** The targets, Cairn first (the report divides Cairn's figures by the others'). */
    List<BenchTarget> targets();

    /** The scenarios run when {@code cairn.bench.scenarios} names none. */
    List<BenchScenario> defaultScenarios();

    /** Whether the phase runs a scenario that {@code cairn.bench.scenarios} names. */
    default boolean runs(BenchScenario scenario) {
        return true;
    }

    void setUp(ManagementClient client) throws Exception;

    void tearDown(ManagementClient client) throws Exception;

    /** The phases {@code -Dcairn.bench.phases} names (default {@code h2,timer,postgresql}), in that order. */
    static List<BenchPhase> selected() {
        List<BenchPhase> phases = new ArrayList<>();
        for (String name : System.getProperty("cairn.bench.phases", "h2,timer,postgresql").split(",")) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "" -> { }
                case "h2" -> phases.add(new AsShippedPhase());
                case "timer" -> phases.add(new ArtemisTimerPhase());
                case "postgresql" -> phases.add(new PostgresPhase());
                default -> throw new IllegalArgumentException("Unknown benchmark phase '" + name
                        + "' in cairn.bench.phases; known: h2, timer, postgresql");
            }
        }
        return phases;
    }

    /** The scenarios to run in this phase, given those named by {@code cairn.bench.scenarios} (none: the defaults). */
    default List<BenchScenario> scenarios(List<BenchScenario> named) {
        return named.isEmpty() ? defaultScenarios() : named.stream().filter(this::runs).toList();
    }
}
