package org.cairnmq.it.xa.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.support.ServerProcess;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
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
 * The server halts between the two phases of a commit, with Cairn's branch prepared: after the restart,
 * WildFly's recovery manager finds the branch through Cairn's XA resource and commits it, and the message
 * is delivered, once.
 *
 * <p>Runs in the manual-mode container (failsafe execution it-manual), whose JVM arguments shorten the
 * recovery manager's period so that the recovery pass comes within seconds of the restart.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("manual-container")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XaCrashRecoveryIT {
    static final String CONTAINER = "wildfly-manual";
    static final String WAR = "xa-recovery";
    static final String QUEUE = "it.xa.recovery";
    static final String TEXT = "committed by recovery";
    /** Periodic recovery runs every few seconds in this container; its first pass may wait for the broker. */
    static final long RECOVERED_WITHIN_MILLIS = 90_000;

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    /** In-container only. */
    @Inject
    RecoveryClient client;

    @Deployment(name = "cairn", order = 1, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = WAR, order = 2, managed = false)
    @TargetsContainer(CONTAINER)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, WAR + ".war")
                .addClasses(HaltInPhaseTwo.class, org.cairnmq.it.support.PassiveXaResource.class, CrashInCommitServlet.class, RecoveryClient.class);
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
    @RunAsClient
    void crashBetweenPrepareAndCommit(@ArquillianResource @OperateOnDeployment(WAR) URL war,
            @ArquillianResource @OperateOnDeployment(WAR) ManagementClient management) throws Exception {
        ProcessHandle server = ServerProcess.of(management);
        HttpRequest request = HttpRequest.newBuilder(war.toURI().resolve("crash-in-commit?queue=" + QUEUE + "&text="
                + TEXT.replace(' ', '+'))).timeout(Duration.ofSeconds(60)).build();
        // The server dies in the middle of the request: no response.
        assertThrows(IOException.class,
                () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
        server.onExit().get(60, TimeUnit.SECONDS);
        assertTrue(!server.isAlive(), "the server halted");
        controller.stop(CONTAINER);
        controller.start(CONTAINER);
    }

    @Test
    @Order(3)
    @OperateOnDeployment(WAR)
    void recoveryCommitsThePreparedBranch() throws Exception {
        assertEquals(TEXT, client.receive(QUEUE, RECOVERED_WITHIN_MILLIS));
        String marker = "marker";
        client.send(QUEUE, marker);
        assertEquals(marker, client.receive(QUEUE, 30_000), "delivered once: nothing before the marker");
    }

    @Test
    @Order(4)
    @RunAsClient
    void undeployAndStop() {
        deployer.undeploy(WAR);
        deployer.undeploy("cairn");
        controller.stop(CONTAINER);
    }
}
