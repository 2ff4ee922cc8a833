package org.cairnmq.admin.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.cairnmq.management.NodeView;

/**
 * The nodes sharing the store, in the Prometheus text format: one gauge sample per node and metric. As on
 * every Cairn sample, {@code node} is the broker that answers the scrape; {@code member} is the node the
 * sample is about (each broker reports every node it sees, so {@code max by (member)} counts each once).
 */
final class PrometheusNodes {
    /** @param value the sample's value as Prometheus reads it, or {@code null} to leave the node out */
    private record Metric(String name, String help, Function<NodeView, String> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("cairn_node_live", "Whether the node's lease holds (1) or has run out (0), by the database clock",
                    n -> n.live() ? "1" : "0"),
            new Metric("cairn_node_consumers", "Consumers the node had at its last lease renewal",
                    n -> Long.toString(n.consumers())),
            new Metric("cairn_node_in_flight", "Messages the node holds claimed in the store",
                    n -> Long.toString(n.inFlight())),
            new Metric("cairn_node_lease_seconds_left", "How long the node's lease runs unless renewed (0 once run out)",
                    n -> n.leaseLeftMillis() < 0 ? null : seconds(n.leaseLeftMillis())));

    private PrometheusNodes() {
    }

    /** @param node the answering broker's node name */
    static String of(String node, List<NodeView> nodes) {
        StringBuilder out = new StringBuilder();
        for (Metric metric : METRICS) {
            out.append("# HELP ").append(metric.name()).append(' ').append(metric.help()).append('\n');
            out.append("# TYPE ").append(metric.name()).append(" gauge\n");
            for (NodeView view : nodes) {
                String value = metric.value().apply(view);
                if (value != null) {
                    out.append(metric.name()).append("{node=\"").append(PrometheusText.escape(node))
                            .append("\",member=\"").append(PrometheusText.escape(view.nodeName())).append("\"} ")
                            .append(value).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** Millisecond precision: leases last seconds, so whole seconds would say little. */
    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
