package org.cairnmq.it.xa.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * The mirror of {@link XaCrashRecoveryIT}: the server halts after Cairn prepared its branch and before the
 * transaction manager logged the transaction ({@link HaltInPrepare}, a fault hook that exists only in this
 * test's deployment). With no decision logged, the transaction is presumed to have rolled back: after the
 * restart, WildFly's recovery manager finds Cairn's prepared branch, sees no record of it, and rolls it
 * back. The message the transaction sent is never delivered, and the one it consumed comes back.
 *
 * <p>Runs in the manual-mode container (failsafe execution it-manual), whose recovery manager scans every 5 s.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("manual-container")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XaPrepareCrashRecoveryIT {
    static final String CONTAINER = XaCrashRecoveryIT.CONTAINER;
    static final String WAR = "xa-prepare-recovery";
    static final String CONSUMED_FROM = "it.xa.prepare.in";
    static final String SENT_TO = "it.xa.prepare.out";
    static final String CONSUMED = "consumed in the lost transaction";

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
                .addClasses(HaltInPrepare.class, org.cairnmq.it.support.PassiveXaResource.class, CrashInPrepareServlet.class, RecoveryClient.class);
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
    void sendTheMessageToConsume() throws Exception {
        client.send(CONSUMED_FROM, CONSUMED);
    }

    @Test
    @Order(3)
    @RunAsClient
    void crashAfterCairnPreparedBeforeTheLogIsWritten(@ArquillianResource @OperateOnDeployment(WAR) URL war,
            @ArquillianResource @OperateOnDeployment(WAR) ManagementClient management) throws Exception {
        ProcessHandle server = ServerProcess.of(management);
        HttpRequest request = HttpRequest.newBuilder(war.toURI().resolve("crash-in-prepare?from=" + CONSUMED_FROM
                + "&to=" + SENT_TO + "&text=never+delivered")).timeout(Duration.ofSeconds(60)).build();
        // The server dies in the middle of the request: no response.
        assertThrows(IOException.class,
                () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
        server.onExit().get(60, TimeUnit.SECONDS);
        assertTrue(!server.isAlive(), "the server halted");
        controller.stop(CONTAINER);
        controller.start(CONTAINER);
    }

    @Test
    @Order(4)
    @OperateOnDeployment(WAR)
    void recoveryRollsThePreparedBranchBack() throws Exception {
        assertEquals(CONSUMED, client.receive(CONSUMED_FROM, XaCrashRecoveryIT.RECOVERED_WITHIN_MILLIS),
                "the consumed message comes back once the branch is rolled back");
        assertNull(client.receive(SENT_TO, 2_000), "the message the transaction sent is never delivered");
    }

    @Test
    @Order(5)
    @RunAsClient
    void undeployAndStop() {
        deployer.undeploy(WAR);
        deployer.undeploy("cairn");
        controller.stop(CONTAINER);
    }
}
