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
 * Collects the benchmark's runs and writes what it found: every run as a line of JSON
 * ({@code results.jsonl}), the medians with Cairn/Artemis ratios as a Markdown table ({@code results.md}),
 * and the same as a bar chart ({@code throughput.svg}).
 */
final class BenchReport {
    private final String setting;
    private final List<BenchTarget> targets;
    private final Map<String, Map<BenchTarget, List<BenchResult>>> rows = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();

    BenchReport(String setting, List<BenchTarget> targets) {
        this.setting = setting;
        this.targets = targets;
    }

    void add(BenchScenario scenario, int clients, BenchTarget target, BenchResult result) {
        String row = scenario + " P=C=" + clients;
        rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).computeIfAbsent(target, t -> new ArrayList<>()).add(result);
        lines.add(String.format(Locale.ROOT, "{\"scenario\":\"%s\",\"clients\":%d,\"target\":\"%s\",\"result\":%s}",
                scenario, clients, target.label(), result.toJson()));
    }

    /** The Markdown table: medians per target and the ratios of Cairn to each Artemis factory. */
    String table() {
        StringBuilder md = new StringBuilder();
        md.append("Setting: ").append(setting).append("\n\n| scenario |");
        targets.forEach(t -> md.append(' ').append(t.label()).append(" |"));
        for (int i = 1; i < targets.size(); i++) {
            md.append(" Cairn / ").append(targets.get(i).label()).append(" |");
        }
        md.append(" lost / duplicated |\n|---|");
        md.append("---:|".repeat(2 * targets.size() - 1)).append("---|\n");
        rows.forEach((row, byTarget) -> {
            md.append("| ").append(row).append(" |");
            for (BenchTarget t : targets) {
                md.append(' ').append(figure(row, byTarget.get(t))).append(" |");
            }
            double cairn = median(byTarget.get(targets.get(0)), row);
            for (int i = 1; i < targets.size(); i++) {
                double other = median(byTarget.get(targets.get(i)), row);
                md.append(String.format(Locale.ROOT, " %.2f |", isLatency(row) ? other / cairn : cairn / other));
            }
            long lost = byTarget.values().stream().flatMap(List::stream).mapToLong(BenchResult::lost).sum();
            long twice = byTarget.values().stream().flatMap(List::stream).mapToLong(BenchResult::duplicated).sum();
            md.append(' ').append(lost).append(" / ").append(twice).append(" |\n");
        });
        md.append("\nFigures are medians of the runs: msg/s (request/reply: round trips/s; fan-out: msg/s published; "
                + "latency: p99 in µs, with the ratio as Artemis/Cairn so that above 1 is better for Cairn too).\n");
        return md.toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.write(directory.resolve("results.jsonl"), lines);
        Files.writeString(directory.resolve("results.md"), table());
        Files.writeString(directory.resolve("throughput.svg"), chart());
    }

    /** Every run so far, one line of JSON each. */
    List<String> jsonLines() {
        return List.copyOf(lines);
    }

    private static boolean isLatency(String row) {
        return row.startsWith(BenchScenario.LATENCY.name());
    }

    private static String figure(String row, List<BenchResult> results) {
        if (results == null || results.isEmpty()) {
            return "—";
        }
        if (isLatency(row)) {
            return String.format(Locale.ROOT, "p50 %d / p99 %d µs", (long) medianOf(results, r -> r.p50Micros()),
                    (long) medianOf(results, r -> r.p99Micros()));
        }
        return String.format(Locale.ROOT, "%,.0f", medianOf(results, BenchResult::rate));
    }

    private static double median(List<BenchResult> results, String row) {
        if (results == null || results.isEmpty()) {
            return Double.NaN;
        }
        return isLatency(row) ? medianOf(results, r -> r.p99Micros()) : medianOf(results, BenchResult::rate);
    }

    private static double medianOf(List<BenchResult> results, java.util.function.ToDoubleFunction<BenchResult> f) {
        double[] values = results.stream().mapToDouble(f).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** One group of bars per scenario row, each bar's length relative to the row's largest figure. */
    String chart() {
        int rowHeight = 18 * targets.size() + 14;
        int width = 760;
        int labelWidth = 200;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, rows.size() * rowHeight + 40));
        String[] colours = {"#2b7a4b", "#c0504d", "#4f81bd", "#8064a2"};
        // Legend entries side by side, each as wide as its label (about 7 px a character at this size).
        int legendX = 0;
        for (int i = 0; i < targets.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"15\">%s</text>%n", legendX, colours[i % colours.length],
                    legendX + 14, escape(targets.get(i).label())));
            legendX += 14 + 7 * targets.get(i).label().length() + 16;
        }
        int y = 30;
        for (Map.Entry<String, Map<BenchTarget, List<BenchResult>>> row : rows.entrySet()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>%n", y + 14,
                    escape(row.getKey() + (isLatency(row.getKey()) ? " (p99 µs)" : ""))));
            double max = 0;
            for (BenchTarget t : targets) {
                double m = median(row.getValue().get(t), row.getKey());
                max = Double.isNaN(m) ? max : Math.max(max, m);
            }
            for (int i = 0; i < targets.size(); i++) {
                double m = median(row.getValue().get(targets.get(i)), row.getKey());
                double length = max == 0 || Double.isNaN(m) ? 0 : (width - labelWidth - 90) * m / max;
                int barY = y + i * 18;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%d\">%,.0f</text>%n", labelWidth, barY, length,
                        colours[i % colours.length], labelWidth + length + 4, barY + 11, Double.isNaN(m) ? 0 : m));
            }
            y += rowHeight;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
