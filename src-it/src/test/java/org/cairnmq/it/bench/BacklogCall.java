package org.cairnmq.it.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@link BacklogServlet}: starts a backlog run in the server and polls its status
 * until it has a result, printing progress now and then, so that no HTTP call waits for the whole run.
 */
final class BacklogCall {
    /** Where progress goes while a run lasts. */
    static final java.nio.file.Path PROGRESS = java.nio.file.Path.of("target", "benchmark", "backlog-progress.log");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** What to run against one target. */
    record Settings(long messages, long shallowMessages, int fillProducers, int consumers, int segments, int size) {
    }

    private BacklogCall() {
    }

    /** Runs the backlog against {@code target} and returns its result; fails on the server's error or after {@code limit}. */
    static BacklogResult run(URL base, BenchTarget target, Settings s, Duration limit, Duration printEvery)
            throws IOException, InterruptedException {
        String query = String.format(Locale.ROOT, "start&factory=%s&jta=%s%s&messages=%d&shallow=%d&producers=%d"
                + "&consumers=%d&segments=%d&size=%d&store=%s", java.net.URLEncoder.encode(target.factoryJndi(),
                java.nio.charset.StandardCharsets.UTF_8), target.jta(), target.destinationParameters(), s.messages(),
                s.shallowMessages(), s.fillProducers(), s.consumers(), s.segments(), s.size(),
                target == BenchTarget.CAIRN ? "cairn" : "activemq");
        String id = JsonFields.text(get(base, query), "id");
        long deadline = System.nanoTime() + limit.toNanos();
        long nextPrint = 0;
        while (System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500); // polling: the run reports progress, it does not notify
            String status = get(base, "id=" + id);
            if (status.contains("\"error\":")) {
                throw new IllegalStateException(target.label() + " backlog failed: " + status);
            }
            if (status.contains("\"result\":")) {
                return BacklogResult.fromJson(status.substring(status.indexOf("\"result\":") + 9));
            }
            if (System.nanoTime() >= nextPrint) {
                // also to a file: failsafe may hold the test's output back until the class is done
                String line = java.time.Instant.now() + " " + target.label() + " backlog: " + status;
                System.out.println(line);
                java.nio.file.Files.createDirectories(PROGRESS.getParent());
                java.nio.file.Files.writeString(PROGRESS, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
                nextPrint = System.nanoTime() + printEvery.toNanos();
            }
        }
        throw new IllegalStateException(target.label() + " backlog did not finish within " + limit);
    }

    private static String get(URL base, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base.toExternalForm()
                + "backlog?" + query)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Backlog call " + query + " failed: " + response.body());
        }
        return response.body();
    }
}
