package org.cairnmq.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scaling curves' report: every run as a line of JSON with its client count and message size
 * ({@code curves.jsonl}), per scenario a table of medians against clients and against message size
 * ({@code curves.md}), and the same as line charts, one line per target ({@code curves-<scenario>-clients.svg},
 * {@code curves-<scenario>-size.svg}).
 */
final class CurveReport {
    /** One measured point of a curve. */
    record Point(BenchScenario scenario, int clients, int size) {
    }

    private final String setting;
    private final List<BenchTarget> targets;
    private final int clientsCurveSize;
    private final int sizeCurveClients;
    private final Map<Point, Map<BenchTarget, List<BenchResult>>> results = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();

    CurveReport(String setting, List<BenchTarget> targets, int clientsCurveSize, int sizeCurveClients) {
        this.setting = setting;
        this.targets = targets;
        this.clientsCurveSize = clientsCurveSize;
        this.sizeCurveClients = sizeCurveClients;
    }

    void add(Point point, BenchTarget target, BenchResult result) {
        results.computeIfAbsent(point, p -> new LinkedHashMap<>()).computeIfAbsent(target, t -> new ArrayList<>())
                .add(result);
        lines.add(String.format(Locale.ROOT, "{\"scenario\":\"%s\",\"clients\":%d,\"size\":%d,\"target\":\"%s\","
                + "\"result\":%s}", point.scenario(), point.clients(), point.size(), target.label(), result.toJson()));
    }

    /** Markdown: per scenario, throughput against clients, then against message size. */
    String table() {
        StringBuilder md = new StringBuilder("Setting: ").append(setting).append("\n");
        for (BenchScenario scenario : scenarios()) {
            if (curve(scenario, true).size() > 1) { // a curve of one point is in the other table
                md.append(String.format(Locale.ROOT, "%n%s, msg/s against P = C clients, %d B messages%n%n", scenario,
                        clientsCurveSize));
                rows(md, "P = C", curve(scenario, true));
            }
            md.append(String.format(Locale.ROOT, "%n%s, msg/s against message size, P = C = %d%n%n", scenario,
                    sizeCurveClients));
            rows(md, "bytes", curve(scenario, false));
        }
        md.append("\nFigures are medians of the runs, in messages received per second.\n");
        return md.toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.write(directory.resolve("curves.jsonl"), lines);
        Files.writeString(directory.resolve("curves.md"), table());
        for (BenchScenario scenario : scenarios()) {
            Files.writeString(directory.resolve("curves-" + scenario + "-clients.svg"), chart(scenario, true));
            Files.writeString(directory.resolve("curves-" + scenario + "-size.svg"), chart(scenario, false));
        }
    }

    private List<BenchScenario> scenarios() {
        return results.keySet().stream().map(Point::scenario).distinct().toList();
    }

    /** The points of one curve, in order: against clients (at the fixed size) or against size. */
    private List<Point> curve(BenchScenario scenario, boolean byClients) {
        return results.keySet().stream()
                .filter(p -> p.scenario() == scenario
                        && (byClients ? p.size() == clientsCurveSize : p.clients() == sizeCurveClients))
                .sorted((a, b) -> byClients ? Integer.compare(a.clients(), b.clients()) : Integer.compare(a.size(), b.size()))
                .toList();
    }

    private void rows(StringBuilder md, String what, List<Point> points) {
        md.append("| ").append(what).append(" |");
        targets.forEach(t -> md.append(' ').append(t.label()).append(" |"));
        for (int i = 1; i < targets.size(); i++) {
            md.append(" Cairn / ").append(targets.get(i).label()).append(" |");
        }
        md.append(" lost / duplicated |\n|---:|").append("---:|".repeat(2 * targets.size() - 1)).append("---|\n");
        for (Point p : points) {
            Map<BenchTarget, List<BenchResult>> byTarget = results.get(p);
            md.append("| ").append(what.equals("bytes") ? p.size() : p.clients()).append(" |");
            for (BenchTarget t : targets) {
                md.append(String.format(Locale.ROOT, " %,.0f |", median(byTarget.get(t))));
            }
            double cairn = median(byTarget.get(targets.get(0)));
            for (int i = 1; i < targets.size(); i++) {
                md.append(String.format(Locale.ROOT, " %.2f |", cairn / median(byTarget.get(targets.get(i)))));
            }
            long lost = byTarget.values().stream().flatMap(List::stream).mapToLong(BenchResult::lost).sum();
            long twice = byTarget.values().stream().flatMap(List::stream).mapToLong(BenchResult::duplicated).sum();
            md.append(' ').append(lost).append(" / ").append(twice).append(" |\n");
        }
    }

    private String chart(BenchScenario scenario, boolean byClients) {
        LineChart chart = byClients
                ? new LineChart(scenario + ": throughput against clients, " + clientsCurveSize + " B messages",
                        "producers = consumers", true, x -> String.format(Locale.ROOT, "%.0f", x), "msg/s", true)
                : new LineChart(scenario + ": throughput against message size, P = C = " + sizeCurveClients,
                        "message size", true, CurveReport::bytes, "msg/s", true);
        for (BenchTarget t : targets) {
            List<double[]> points = new ArrayList<>();
            for (Point p : curve(scenario, byClients)) {
                points.add(new double[] {byClients ? p.clients() : p.size(), median(results.get(p).get(t))});
            }
            chart.add(new LineChart.Series(t.label(), points));
        }
        return chart.svg();
    }

    private static String bytes(double b) {
        return b >= 1 << 20 ? String.format(Locale.ROOT, "%.0f MiB", b / (1 << 20))
                : b >= 1024 ? String.format(Locale.ROOT, "%.0f KiB", b / 1024) : String.format(Locale.ROOT, "%.0f B", b);
    }

    private static double median(List<BenchResult> runs) {
        if (runs == null || runs.isEmpty()) {
            return Double.NaN;
        }
        double[] values = runs.stream().mapToDouble(BenchResult::rate).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
