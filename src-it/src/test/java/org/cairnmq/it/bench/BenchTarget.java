package org.cairnmq.it.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A connection factory the benchmark measures, with how its destinations are named and whether its
 * transactions are JTA ones (pooled, XA-capable factories) or local session transactions.
 */
record BenchTarget(String label, String factoryJndi, boolean jta, String destinationParameters) {

    /** Cairn's pooled factory; destinations created on first use. */
    static final BenchTarget CAIRN = new BenchTarget("Cairn", "java:/jms/cairn/ConnectionFactory", true,
            "&queue=bench-q&requests=bench-requests&topic=bench-t");
    /** Artemis's in-VM factory (not pooled; local transactions), over the queues {@link ArtemisBenchDestinations} adds. */
    static final BenchTarget ARTEMIS = new BenchTarget("Artemis ConnectionFactory", "java:/ConnectionFactory", false,
            ArtemisBenchDestinations.JNDI_PARAMETERS);
    /** Artemis's pooled XA factory, the one applications use in the server. */
    static final BenchTarget ARTEMIS_XA = new BenchTarget("Artemis JmsXA", "java:/JmsXA", true,
            ArtemisBenchDestinations.JNDI_PARAMETERS);

    static final List<BenchTarget> ALL = List.of(CAIRN, ARTEMIS, ARTEMIS_XA);

    /** The same factory under a label that says how the server was set up for it, e.g. " (JDBC)". */
    BenchTarget suffixed(String suffix) {
        return new BenchTarget(label + suffix, factoryJndi, jta, destinationParameters);
    }

    /** The query string of the bench servlet for one run. */
    String query(BenchScenario scenario, int producers, int consumers, int size, int seconds, int rate) {
        return "factory=" + URLEncoder.encode(factoryJndi, StandardCharsets.UTF_8) + "&scenario=" + scenario
                + "&producers=" + producers + "&consumers=" + consumers + "&size=" + size + "&seconds=" + seconds
                + "&rate=" + rate + "&jta=" + jta + destinationParameters;
    }
}
