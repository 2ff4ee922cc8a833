package org.cairnmq.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The deep-backlog report: per target the fill rate, the shallow queue's consume rate, the deep queue's
 * rate per segment (min / median / max, and against the shallow rate) and the heap, as Markdown
 * ({@code backlog.md}), JSON lines ({@code backlog.jsonl}) and a chart of rate and heap against the
 * messages remaining ({@code backlog-<target>.svg}).
 */
final class BacklogReport {
    private final Map<BenchTarget, BacklogResult> results = new LinkedHashMap<>();

    void add(BenchTarget target, BacklogResult result) {
        results.put(target, result);
    }

    String table() {
        StringBuilder md = new StringBuilder("| target | backlog | fill msg/s | shallow msg/s, with producers / alone "
                + "| deep msg/s min / median / max | deep median / shallow | heap MiB min / max "
                + "| store bytes per message filled | store MiB max | lost / duplicated |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        results.forEach((target, r) -> {
            double[] rates = r.deepRates();
            Arrays.sort(rates);
            double[] heap = r.segments().stream().mapToDouble(s -> s[2]).sorted().toArray();
            double median = rates.length == 0 ? Double.NaN : rates.length % 2 == 1 ? rates[rates.length / 2]
                    : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
            md.append(String.format(Locale.ROOT, "| %s | %,d × %d B | %,.0f | %,.0f / %,.0f | %,.0f / %,.0f / %,.0f | %.2f | "
                    + "%.0f / %.0f | %,.0f | %,.0f | %d / %d |%n", target.label(), r.messages(), r.size(), r.fillRate(),
                    r.shallowConcurrentRate(), r.shallowRate(), rates.length == 0 ? Double.NaN : rates[0], median,
                    rates.length == 0 ? Double.NaN : rates[rates.length - 1], median / r.shallowRate(),
                    heap[0], heap[heap.length - 1], (double) r.storedBytes() / r.messages(),
                    r.segments().stream().mapToDouble(s -> s[3]).max().orElse(-1), r.lost(), r.duplicated()));
        });
        results.forEach((target, r) -> {
            md.append(String.format(Locale.ROOT, "%n%s: %d fill producer(s), %d consumer(s) in transactions of 1,000, "
                    + "filled in %.0f s, drained at %,.0f msg/s on average%n%n| messages remaining | msg/s over the "
                    + "segment | heap MiB after GC | store MiB |%n|---:|---:|---:|---:|%n", target.label(), r.fillProducers(),
                    r.consumers(), r.fillSeconds(), r.deepRate()));
            for (double[] s : r.segments()) {
                md.append(String.format(Locale.ROOT, "| %,.0f | %s | %.0f | %,.0f |%n", s[0],
                        Double.isNaN(s[1]) ? "(full)" : String.format(Locale.ROOT, "%,.0f", s[1]), s[2], s[3]));
            }
        });
        return md.toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> lines = new ArrayList<>();
        results.forEach((target, r) -> lines.add("{\"target\":\"" + target.label() + "\",\"result\":" + r.json() + "}"));
        Files.write(directory.resolve("backlog.jsonl"), lines);
        Files.writeString(directory.resolve("backlog.md"), table());
        for (Map.Entry<BenchTarget, BacklogResult> e : results.entrySet()) {
            String file = "backlog-" + e.getKey().label().replace(' ', '-') + ".svg";
            Files.writeString(directory.resolve(file), chart(e.getKey(), e.getValue()));
        }
    }

    /** Two charts stacked: consume rate (with the shallow rate as a line) and heap, against messages remaining. */
    private static String chart(BenchTarget target, BacklogResult r) {
        List<double[]> rate = new ArrayList<>();
        List<double[]> heap = new ArrayList<>();
        for (double[] s : r.segments()) {
            if (!Double.isNaN(s[1])) {
                rate.add(new double[] {s[0], s[1]});
            }
            heap.add(new double[] {s[0], s[2]});
        }
        List<double[]> shallow = List.of(new double[] {0, r.shallowRate()}, new double[] {r.messages(), r.shallowRate()});
        java.util.function.DoubleFunction<String> count = x -> x >= 1e6 ? String.format(Locale.ROOT, "%.1f M", x / 1e6)
                : String.format(Locale.ROOT, "%.0f k", x / 1e3);
        String rates = new LineChart(target.label() + ": consume rate while a backlog of " + String.format(Locale.ROOT,
                "%,d", r.messages()) + " drains", "messages remaining", false, count, "msg/s", false).xDescending()
                .add(new LineChart.Series("deep queue, per segment", rate))
                .add(new LineChart.Series("shallow queue, consumers alone", shallow)).svgAt(0);
        String heaps = new LineChart(target.label() + ": server heap in use after a GC", "messages remaining", false,
                count, "MiB", false).xDescending().add(new LineChart.Series("heap", heap)).svgAt(LineChart.height());
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"%d\">%n%s%n%s%n"
                + "</svg>%n", 2 * LineChart.height(), rates, heaps);
    }
}
