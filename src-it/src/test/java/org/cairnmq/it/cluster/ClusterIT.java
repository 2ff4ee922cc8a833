package org.cairnmq.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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
import org.cairnmq.it.support.HaltServlet;
import org.cairnmq.it.support.PostgresStore;
import org.cairnmq.it.support.SecondServer;
import org.cairnmq.testing.PostgresCluster;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two WildFly servers on one PostgreSQL database as two nodes of one broker: the suite server (node a) and
 * a second server the test starts (node b), the same MDB deployed on each. Messages are sent through both
 * nodes; node b is halted just after a burst sent through it (its JVM stops at once, as under kill -9).
 * Every message whose send returned is processed, those node b held included (by node a, once b's lease
 * ran out, flagged redelivered), and none twice unless flagged redelivered.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterIT {
    static final String QUEUE = "it.cluster";
    static final String DATA_SOURCE = "CairnClusterDS";
    static final String DELIVERIES = "it_cluster_delivery";
    private static final String LEASE_MILLIS = "10000";
    private static final Duration BOUND = Duration.ofSeconds(180);
    private static final int BEFORE_HALT = 60;
    private static final int AFTER_HALT = 40;
    private static final int BURST = 200;

    @Deployment(name = "cairn", order = 1, testable = false)
    static org.jboss.shrinkwrap.api.spec.EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "cluster-app.war")
                .addClasses(ClusterListener.class, ClusterServlet.class, HaltServlet.class)
                .addAsWebInfResource(ClusterIT.class.getResource("/queue/jboss-ejb3.xml"), "jboss-ejb3.xml");
    }

    @Test
    void twoNodesProcessEveryMessageOnceThroughTheHaltOfOne(
            @ArquillianResource @OperateOnDeployment("app") URL appOnA,
            @ArquillianResource @OperateOnDeployment("app") ManagementClient management) throws Exception {
        PostgresCluster cluster = PostgresCluster.shared();
        String url = cluster.createDatabase();
        try (Connection db = DriverManager.getConnection(url)) {
            CairnOnPostgres.moveTo(management, DATA_SOURCE, url, Map.of("cairn.node.leaseMillis", LEASE_MILLIS));
            // After Cairn's schema: Flyway refuses to start on a database with tables it does not know.
            try (Statement s = db.createStatement()) {
                s.execute("create table " + DELIVERIES + " (text varchar(64), node varchar(255), redelivered boolean)");
            }
            try (SecondServer b = SecondServer.start("cairn-it-b", Map.of(
                    PostgresStore.STORE_PROPERTY, PostgresStore.jndiName(DATA_SOURCE),
                    "cairn.node.leaseMillis", LEASE_MILLIS))) {
                deployNodeB(b, url);
                run(db, appOnA.toURI(), b);
            } finally {
                CairnOnPostgres.moveBack(management, DATA_SOURCE, List.of("cairn.node.leaseMillis"));
            }
        }
    }

    private static void deployNodeB(SecondServer b, String url) throws Exception {
        try (ModelControllerClient client = b.management()) {
            PostgresStore.deployDriver(client);
            PostgresStore.addDataSource(client, DATA_SOURCE, url, 20);
        }
        long since = java.nio.file.Files.exists(b.serverLog()) ? java.nio.file.Files.size(b.serverLog()) : 0;
        b.deploy(CairnDeployments.CAIRN_EAR_NAME, Path.of(System.getProperty(CairnDeployments.CAIRN_EAR_PATH_PROPERTY,
                "target/deployments/" + CairnDeployments.CAIRN_EAR_NAME)).toAbsolutePath());
        PostgresStore.awaitCairnStarted(b.serverLog(), DATA_SOURCE, since);
        Path app = Path.of("target", "cluster-app.war").toAbsolutePath();
        application().as(ZipExporter.class).exportTo(app.toFile(), true);
        b.deploy("cluster-app.war", app);
    }

    private static void run(Connection db, URI appOnA, SecondServer b) throws Exception {
        URI appOnB = b.http("cluster-app/");
        Sender sender = new Sender(appOnA, appOnB);
        Thread sending = new Thread(sender, "cluster-sender");
        sending.start();
        long halted;
        try {
            Eventually.await(BEFORE_HALT + " messages processed before the halt", BOUND,
                    () -> deliveries(db).size() >= BEFORE_HALT && sender.sentThroughB.get() > 0);
            // A burst through b just before the halt, so that b holds messages when it dies.
            assertEquals("sent", get(appOnB.resolve("send?text=c-burst&count=" + BURST)));
            for (int i = 0; i < BURST; i++) {
                sender.sent.add("c-burst-" + i);
            }
            get(appOnB.resolve("halt"));
            sender.bHalted.set(true);
            halted = System.nanoTime();
            Eventually.await("node b's JVM gone", BOUND, () -> !b.isAlive());
            int sentBefore = sender.sent.size();
            Eventually.await(AFTER_HALT + " sends through node a after the halt", BOUND,
                    () -> sender.sent.size() >= sentBefore + AFTER_HALT);
        } finally {
            sender.stop.set(true);
            sending.join(BOUND.toMillis());
        }
        Set<String> sent = new HashSet<>(sender.sent);
        Eventually.await("every sent message processed", BOUND, () -> texts(deliveries(db)).containsAll(sent));
        long allProcessedMillis = (System.nanoTime() - halted) / 1_000_000;

        List<Delivery> deliveries = deliveries(db);
        Map<String, Integer> unflagged = new HashMap<>();
        Map<String, Integer> perNode = new HashMap<>();
        for (Delivery d : deliveries) {
            perNode.merge(d.node(), 1, Integer::sum);
            if (!d.redelivered()) {
                unflagged.merge(d.text(), 1, Integer::sum);
            }
        }
        long duplicated = unflagged.values().stream().filter(n -> n > 1).count();
        System.out.printf("Two WildFly nodes on one PostgreSQL, node b halted mid-flow: %d sends told sent (%d "
                        + "through b), %d failed, %d deliveries %s (%d flagged redelivered); every sent message "
                        + "processed %d ms after the halt (lease %s ms); 0 lost, %d duplicated%n",
                sent.size(), sender.sentThroughB.get(), sender.failed.get(), deliveries.size(), perNode,
                deliveries.stream().filter(Delivery::redelivered).count(), allProcessedMillis, LEASE_MILLIS,
                duplicated);
        assertEquals(0, duplicated, "processed twice without the redelivered flag");
        assertTrue(deliveries.stream().anyMatch(Delivery::redelivered),
                "node a took over messages node b held when it was halted (they come flagged redelivered)");
        assertTrue(perNode.size() == 2, "both nodes processed messages: " + perNode);
        assertTrue(texts(deliveries).stream().allMatch(t -> t.startsWith("c-")), "only what was sent");
    }

    private record Delivery(String text, String node, boolean redelivered) {
    }

    private static List<Delivery> deliveries(Connection db) {
        List<Delivery> all = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("select text, node, redelivered from " + DELIVERIES)) {
            while (r.next()) {
                all.add(new Delivery(r.getString(1), r.getString(2), r.getBoolean(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    private static Set<String> texts(List<Delivery> deliveries) {
        Set<String> texts = new HashSet<>();
        deliveries.forEach(d -> texts.add(d.text()));
        return texts;
    }

    /** Sends through node a and node b in turn (through a only once b is halted), recording what returned. */
    private static final class Sender implements Runnable {
        final URI a;
        final URI b;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicBoolean bHalted = new AtomicBoolean();
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicLong sentThroughB = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        Sender(URI a, URI b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void run() {
            for (int i = 0; !stop.get(); i++) {
                String text = "c-" + i;
                boolean throughB = i % 2 == 1 && !bHalted.get();
                String outcome;
                try {
                    outcome = get((throughB ? b : a).resolve("send?text=" + text));
                } catch (IOException | InterruptedException e) {
                    outcome = "failed " + e;
                }
                if (outcome.equals("sent")) {
                    sent.add(text);
                    if (throughB) {
                        sentThroughB.incrementAndGet();
                    }
                } else {
                    failed.incrementAndGet();
                }
            }
        }
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
