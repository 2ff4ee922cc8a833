package org.cairnmq.it.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports of the phases run so far, written together: {@code results.md} with a section per phase,
 * {@code results.jsonl} with every run and its phase, and {@code throughput-<phase>.svg} per phase.
 * Written again after each phase, so that a phase that fails later leaves the earlier ones' figures.
 */
final class PhaseReports {
    private final Map<BenchPhase, BenchReport> reports = new LinkedHashMap<>();

    void add(BenchPhase phase, BenchReport report) {
        reports.put(phase, report);
    }

    /** Markdown: one section per phase, its table under its title. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        reports.forEach((phase, report) -> md.append("## ").append(phase.title()).append(" (phase ")
                .append(phase.id()).append(")\n\n").append(report.table()).append('\n'));
        return md.toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        // Charts of phases not run this time would otherwise stay from an earlier invocation.
        try (DirectoryStream<Path> charts = Files.newDirectoryStream(directory, "throughput-*.svg")) {
            for (Path chart : charts) {
                Files.delete(chart);
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<BenchPhase, BenchReport> entry : reports.entrySet()) {
            String id = entry.getKey().id();
            // Each line is an object; the phase goes first in it.
            entry.getValue().jsonLines().forEach(line -> lines.add("{\"phase\":\"" + id + "\"," + line.substring(1)));
            Files.writeString(directory.resolve("throughput-" + id + ".svg"), entry.getValue().chart());
        }
        Files.write(directory.resolve("results.jsonl"), lines);
        Files.writeString(directory.resolve("results.md"), markdown());
    }
}
