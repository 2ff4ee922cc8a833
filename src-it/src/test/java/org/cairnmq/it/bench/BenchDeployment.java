package org.cairnmq.it.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The benchmark's server side as a WAR, and the client call that runs one scenario in it. */
final class BenchDeployment {
    static final String NAME = "cairn-bench.war";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private BenchDeployment() {
    }

    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, NAME)
                .addClasses(BenchServlet.class, ScenarioRunner.class, BenchScenario.class, BenchResult.class)
                .addClasses(BacklogServlet.class, BacklogRun.class, SequenceCheck.class, JsonFields.class);
    }

    /** Runs one scenario in the server and returns its result; fails with the server's error text. */
    static BenchResult run(URL base, BenchTarget target, BenchScenario scenario, int producers, int consumers,
            int size, int seconds, int rate) throws IOException, InterruptedException {
        return run(base, target, scenario, producers, consumers, size, seconds, rate, 0);
    }

    /** As above, producers waiting while {@code maxInFlight} messages are sent and not received (0: no bound). */
    static BenchResult run(URL base, BenchTarget target, BenchScenario scenario, int producers, int consumers,
            int size, int seconds, int rate, int maxInFlight) throws IOException, InterruptedException {
        URI uri = URI.create(base.toExternalForm() + "run?" + target.query(scenario, producers, consumers, size,
                seconds, rate) + "&inflight=" + maxInFlight);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(seconds + 180L)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(target.label() + " " + scenario + " failed: " + response.body());
        }
        return BenchResult.fromJson(response.body());
    }
}
