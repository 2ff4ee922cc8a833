package org.cairnmq.it.outage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.support.CairnOnPostgres;
import org.cairnmq.it.support.Eventually;
import org.cairnmq.testing.PostgresCluster;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cairn in WildFly on PostgreSQL, and PostgreSQL killed ({@code pg_ctl -m immediate}) while an application
 * sends and a container-managed MDB consumes. The application's sends during the outage fail with a
 * {@code JMSRuntimeException} within a bound; once PostgreSQL is back, sends and the MDB resume by
 * themselves, without a restart or redeployment; every message whose send returned is delivered, and no
 * message is delivered twice unless flagged redelivered.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreOutageIT {
    static final String QUEUE = "it.outage";
    private static final String DATA_SOURCE = "CairnOutagePostgresDS";
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final int BEFORE_CRASH = 50;
    private static final int AFTER_RESTART = 50;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "outage-app.war")
                .addClasses(OutageListener.class, Deliveries.class, OutageServlet.class)
                .addAsWebInfResource(StoreOutageIT.class.getResource("/queue/jboss-ejb3.xml"), "jboss-ejb3.xml");
    }

    @Test
    void postgresqlKilledUnderLoadLosesAndDuplicatesNothingAndEverythingResumesWithoutRestart(
            @ArquillianResource @OperateOnDeployment("app") URL app,
            @ArquillianResource @OperateOnDeployment("app") ManagementClient management) throws Exception {
        PostgresCluster cluster = PostgresCluster.shared();
        moveCairnTo(management, cluster.createDatabase());
        try {
            Sender sender = new Sender(app.toURI());
            Thread sending = new Thread(sender, "outage-sender");
            sending.start();
            try {
                Eventually.await(BEFORE_CRASH + " deliveries before the crash", BOUND,
                        () -> received(app).size() >= BEFORE_CRASH);
                cluster.crash();
                long crashed = System.nanoTime();
                // An outage as long as a database restart or fail-over takes, seen by the application.
                Eventually.await("the application's sends failing for " + OUTAGE, BOUND, () -> sender.failed.get() > 0
                        && System.nanoTime() - crashed >= OUTAGE.toNanos());
                cluster.restartAfterCrash();
                long downMillis = (System.nanoTime() - crashed) / 1_000_000;
                int sentBeforeRestart = sender.sent.size();
                Eventually.await(AFTER_RESTART + " sends after the restart", BOUND,
                        () -> sender.sent.size() >= sentBeforeRestart + AFTER_RESTART);
                sender.stop.set(true);
                sending.join(BOUND.toMillis());

                Set<String> sent = new HashSet<>(sender.sent);
                Eventually.await("every sent message delivered", BOUND,
                        () -> delivered(received(app)).containsAll(sent));
                List<String> deliveries = received(app);
                Map<String, Integer> unflagged = new HashMap<>();
                Set<String> failedButDelivered = new HashSet<>(delivered(deliveries));
                failedButDelivered.removeAll(sent);
                for (String delivery : deliveries) {
                    if (delivery.endsWith(" false")) {
                        unflagged.merge(delivery.substring(0, delivery.length() - " false".length()), 1, Integer::sum);
                    }
                }
                long duplicated = unflagged.values().stream().filter(n -> n > 1).count();
                System.out.printf("WildFly on PostgreSQL, PostgreSQL killed under load (down %d ms): %d sends told "
                        + "sent, %d failed (%s), longest send %d ms, %d deliveries to the MDB (%d flagged "
                        + "redelivered), %d failed sends delivered all the same; 0 lost, %d duplicated%n",
                        downMillis, sent.size(), sender.failed.get(), sender.firstFailure, sender.longestMillis.get(),
                        deliveries.size(), deliveries.stream().filter(d -> d.endsWith(" true")).count(),
                        failedButDelivered.size(), duplicated);
                assertEquals(0, duplicated, "delivered twice without the redelivered flag");
                assertTrue(sender.firstFailure.startsWith("failed jakarta.jms."), sender.firstFailure);
                assertTrue(delivered(deliveries).stream().allMatch(t -> t.startsWith("m-")), "only what was sent");
            } finally {
                sender.stop.set(true);
                sending.join(BOUND.toMillis());
            }
        } finally {
            moveCairnBack(management);
            cluster.stop();
        }
    }

    /** Sends one message after another through the application until stopped, and records each outcome. */
    private static final class Sender implements Runnable {
        final URI app;
        final AtomicBoolean stop = new AtomicBoolean();
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong longestMillis = new AtomicLong();
        volatile String firstFailure = "none";

        Sender(URI app) {
            this.app = app;
        }

        @Override
        public void run() {
            for (int i = 0; !stop.get(); i++) {
                String text = "m-" + i;
                long started = System.nanoTime();
                String outcome;
                try {
                    outcome = get(app.resolve("send?text=" + text));
                } catch (IOException | InterruptedException e) {
                    outcome = "failed " + e;
                }
                longestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                if (outcome.equals("sent")) {
                    sent.add(text);
                } else if (failed.incrementAndGet() == 1) {
                    firstFailure = outcome;
                }
            }
        }
    }

    private static List<String> received(URL app) {
        try {
            String body = get(app.toURI().resolve("received"));
            return body.isEmpty() ? List.of() : List.of(body.split("\n"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> delivered(List<String> deliveries) {
        Set<String> texts = new HashSet<>();
        deliveries.forEach(d -> texts.add(d.substring(0, d.indexOf(' '))));
        return texts;
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri).timeout(BOUND).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void moveCairnTo(ManagementClient management, String url) throws Exception {
        CairnOnPostgres.moveTo(management, DATA_SOURCE, url, Map.of());
    }

    private static void moveCairnBack(ManagementClient management) throws Exception {
        CairnOnPostgres.moveBack(management, DATA_SOURCE, List.of());
    }
}
