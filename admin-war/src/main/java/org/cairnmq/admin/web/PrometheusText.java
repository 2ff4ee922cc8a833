package org.cairnmq.admin.web;

import java.util.List;
import java.util.function.ToLongFunction;
import org.cairnmq.admin.DestinationKey;
import org.cairnmq.management.DestinationView;

/**
 * Destination statistics in the Prometheus text exposition format (version 0.0.4): gauges for what is
 * there now, counters ({@code _total}) for what happened since the broker started; Prometheus derives
 * the rates ({@code rate(cairn_destination_enqueued_total[1m])}).
 */
final class PrometheusText {
    private record Metric(String name, String type, String help, ToLongFunction<DestinationView> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("cairn_destination_depth", "gauge", "Messages waiting to be delivered", DestinationView::depth),
            new Metric("cairn_destination_in_flight", "gauge", "Messages delivered and not yet acknowledged",
                    DestinationView::inFlight),
            new Metric("cairn_destination_scheduled", "gauge", "Messages waiting for their delivery time or a redelivery",
                    DestinationView::scheduled),
            new Metric("cairn_destination_consumers", "gauge", "Consumers attached", DestinationView::consumers),
            new Metric("cairn_destination_memory_bytes", "gauge",
                    "Estimated bytes held against the flow-control limit by messages that cannot page",
                    DestinationView::memoryBytes),
            new Metric("cairn_destination_oldest_message_age_seconds", "gauge",
                    "Age of the oldest waiting message (0 when none)",
                    v -> Math.max(0, v.oldestMessageAgeMillis()) / 1000),
            new Metric("cairn_destination_enqueued_total", "counter", "Messages that arrived", DestinationView::enqueued),
            new Metric("cairn_destination_dequeued_total", "counter", "Messages consumed for good",
                    DestinationView::acknowledged),
            new Metric("cairn_destination_expired_total", "counter", "Messages that expired", DestinationView::expired),
            new Metric("cairn_destination_dead_lettered_total", "counter", "Messages moved to a dead-letter queue",
                    DestinationView::deadLettered));

    private PrometheusText() {
    }

    /**
     * @param node the broker's node name, a label on every sample: brokers sharing one database report
     *             the same destinations, each its own view of them
     */
    static String of(String node, List<DestinationView> destinations) {
        StringBuilder out = new StringBuilder();
        for (Metric metric : METRICS) {
            out.append("# HELP ").append(metric.name()).append(' ').append(metric.help()).append('\n');
            out.append("# TYPE ").append(metric.name()).append(' ').append(metric.type()).append('\n');
            for (DestinationView view : destinations) {
                if (view.temporary()) {
                    continue;
                }
                out.append(metric.name()).append("{node=\"").append(escape(node)).append("\",type=\"")
                        .append(DestinationKey.typeName(view.type()))
                        .append("\",name=\"").append(escape(view.name())).append("\"} ")
                        .append(metric.value().applyAsLong(view)).append('\n');
            }
        }
        return out.toString();
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
