package org.cairnmq.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.inject.Inject;

import org.cairnmq.it.restart.QueueClient;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.support.HaltServlet;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Persistent messages outlive the server: one sent before a graceful restart, and one sent just before the
 * server JVM halts (no shutdown of anything), are each received exactly once after the server comes back.
 *
 * <p>Runs against the manual-mode container {@value #CONTAINER} (failsafe execution it-manual, selected by the
 * {@code manual-container} tag). Client-side steps ({@code @RunAsClient}) start and stop the server through
 * {@link ContainerController}; in-container steps run inside the deployed WAR. Deployments are
 * {@code managed = false} and deployed through {@link Deployer}, so they stay on the server across restarts and
 * WildFly redeploys them at boot, as in production.</p>
 */
@ExtendWith(ArquillianExtension.class)
@Tag("manual-container")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerRestartIT {

    static final String CONTAINER = "wildfly-manual";
    static final String WAR = "restart";
    static final String WAR_NAME = "restart.war";
    static final String BEFORE_STOP = "sent before a graceful restart";
    static final String BEFORE_CRASH = "sent before a crash";
    static final String TOPIC = "it.restart.topic";
    static final String SUBSCRIPTION = "it-restart-durable";
    static final String PUBLISHED_BEFORE_STOP = "published before a graceful restart";

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    /** Client side only: carried from step 3 to step 4 (the test JVM runs all client-side steps). */
    static long bootTimeBeforeRestart;

    /** In-container only (null in the client-side steps). */
    @Inject
    QueueClient queueClient;

    @Deployment(name = "cairn", order = 1, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = WAR, order = 2, managed = false)
    @TargetsContainer(CONTAINER)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, WAR_NAME).addClasses(QueueClient.class, HaltServlet.class);
    }

    @Test
    @Order(1)
    @RunAsClient
    void startServerAndDeploy() {
        controller.start(CONTAINER);
        deployer.deploy("cairn");
        deployer.deploy(WAR);
    }

    @Test
    @Order(2)
    @OperateOnDeployment(WAR)
    void sendBeforeRestart() throws Exception {
        queueClient.drain();
        queueClient.send(BEFORE_STOP);
        queueClient.subscribe(TOPIC, SUBSCRIPTION);
        queueClient.publish(TOPIC, PUBLISHED_BEFORE_STOP);
    }

    @Test
    @Order(3)
    @RunAsClient
    @OperateOnDeployment(WAR)
    void gracefulRestart(@ArquillianResource ManagementClient management) throws Exception {
        bootTimeBeforeRestart = bootTime(management);
        controller.stop(CONTAINER);
        assertFalse(controller.isStarted(CONTAINER));
        controller.start(CONTAINER);
        assertTrue(controller.isStarted(CONTAINER));
        // Don't reuse `management` here: it belonged to the previous server process; inject a new one (step 4).
    }

    @Test
    @Order(4)
    @RunAsClient
    @OperateOnDeployment(WAR)
    void deploymentSurvivedRestart(@ArquillianResource ManagementClient management) throws Exception {
        assertTrue(bootTime(management) > bootTimeBeforeRestart, "a new server JVM is running");
        ModelNode op = Operations.createReadAttributeOperation(
                Operations.createAddress("deployment", WAR_NAME), "status");
        ModelNode result = management.getControllerClient().execute(op);
        assertTrue(Operations.isSuccessfulOutcome(result), result.toString());
        assertEquals("OK", Operations.readResult(result).asString());
    }

    @Test
    @Order(5)
    @OperateOnDeployment(WAR)
    void receiveAfterRestart() throws Exception {
        assertEquals(BEFORE_STOP, queueClient.receive(30_000));
        assertNull(queueClient.receive(500), "exactly once");
        assertEquals(PUBLISHED_BEFORE_STOP, queueClient.receiveFromSubscription(TOPIC, SUBSCRIPTION, 30_000),
                "the durable subscription kept its message across the restart");
        assertNull(queueClient.receiveFromSubscription(TOPIC, SUBSCRIPTION, 500), "exactly once");
        queueClient.send(BEFORE_CRASH);
    }

    @Test
    @Order(6)
    @RunAsClient
    void crashAndRestart(@ArquillianResource @OperateOnDeployment(WAR) URL war,
            @ArquillianResource @OperateOnDeployment(WAR) ManagementClient management) throws Exception {
        ProcessHandle server = serverProcess(management);
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(war.toURI().resolve("halt"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("halting", r.body());
        // Wait for the JVM itself to be gone, not only its ports, so Arquillian sees a dead server.
        server.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        controller.stop(CONTAINER);
        controller.start(CONTAINER);
    }

    @Test
    @Order(7)
    @OperateOnDeployment(WAR)
    void receiveAfterCrash() throws Exception {
        assertEquals(BEFORE_CRASH, queueClient.receive(30_000));
        assertNull(queueClient.receive(500), "exactly once");
    }

    @Test
    @Order(8)
    @RunAsClient
    void undeployAndStop() {
        deployer.undeploy(WAR);
        deployer.undeploy("cairn");
        controller.stop(CONTAINER);
    }

    private static ProcessHandle serverProcess(ManagementClient management) throws Exception {
        ModelNode op = Operations.createReadAttributeOperation(
                Operations.createAddress("core-service", "platform-mbean", "type", "runtime"), "name");
        ModelNode result = management.getControllerClient().execute(op);
        assertTrue(Operations.isSuccessfulOutcome(result), result.toString());
        long pid = Long.parseLong(Operations.readResult(result).asString().split("@")[0]);
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no server process " + pid));
    }

    private static long bootTime(ManagementClient management) throws Exception {
        ModelNode op = Operations.createReadAttributeOperation(
                Operations.createAddress("core-service", "platform-mbean", "type", "runtime"), "start-time");
        ModelNode result = management.getControllerClient().execute(op);
        assertTrue(Operations.isSuccessfulOutcome(result), result.toString());
        return Operations.readResult(result).asLong();
    }
}
