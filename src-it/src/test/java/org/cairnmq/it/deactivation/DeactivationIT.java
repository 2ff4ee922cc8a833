package org.cairnmq.it.deactivation;

import static org.cairnmq.it.support.Results.queueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.support.ForwardingListener;
import org.cairnmq.it.support.MessageClient;
import org.cairnmq.it.support.Results;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying a bean while its messages flow stops delivery cleanly: afterwards every message has been
 * processed exactly once (its forward is in the results queue, once) or is still in the queue, never both
 * and never neither; none stays in flight.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeactivationIT {
    static final String QUEUE = "it.flow";
    private static final String CLIENT = "flow-client";
    private static final String BEAN_APP = "flow-mdb";
    private static final int MESSAGES = 2_000;
    /** Forwards seen before the undeployment; kept across the in-container steps of the client deployment. */
    private static final List<String> FORWARDED = new ArrayList<>();

    @ArquillianResource
    Deployer deployer;

    @Inject
    MessageClient messages;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = CLIENT, order = 2)
    static WebArchive client() {
        return ShrinkWrap.create(WebArchive.class, CLIENT + ".war").addClasses(MessageClient.class, Results.class);
    }

    @Deployment(name = BEAN_APP, order = 3, managed = false, testable = false)
    static WebArchive beanApp() {
        return ShrinkWrap.create(WebArchive.class, BEAN_APP + ".war")
                .addClasses(ForwardingListener.class, Results.class, FlowListener.class)
                .addAsWebInfResource(DeactivationIT.class.getResource("/queue/jboss-ejb3.xml"), "jboss-ejb3.xml");
    }

    @Test
    @Order(1)
    @RunAsClient
    void deployTheBean() {
        deployer.deploy(BEAN_APP);
    }

    @Test
    @Order(2)
    @OperateOnDeployment(CLIENT)
    void startTheFlow() throws Exception {
        messages.sendTogether(QUEUE, texts());
        FORWARDED.addAll(messages.receive(queueOf("FlowListener"), 50, 30_000));
        assertEquals(50, FORWARDED.size(), "the bean is processing the flow");
    }

    @Test
    @Order(3)
    @RunAsClient
    void undeployTheBeanWhileMessagesFlow() {
        deployer.undeploy(BEAN_APP);
    }

    @Test
    @Order(4)
    @OperateOnDeployment(CLIENT)
    void eachMessageWasProcessedOnceOrIsStillInTheQueue() throws Exception {
        FORWARDED.addAll(messages.receiveAll(queueOf("FlowListener"), 2_000));
        List<String> left = messages.receiveAll(QUEUE, 2_000);

        Set<String> processed = new HashSet<>(FORWARDED);
        assertEquals(FORWARDED.size(), processed.size(), "no message processed twice");
        assertTrue(left.size() > 0, "the undeployment came while messages were waiting");
        Set<String> all = new HashSet<>(processed);
        for (String message : left) {
            assertTrue(all.add(message), message + " was processed and is still in the queue");
        }
        Set<String> missing = new HashSet<>(texts());
        missing.removeAll(all);
        assertEquals(Set.of(), missing, "neither processed nor in the queue (" + processed.size() + " processed, "
                + left.size() + " left; in the DLQ: " + messages.receiveAll("DLQ", 1_000) + ")");
    }

    private static List<String> texts() {
        return IntStream.range(0, MESSAGES).mapToObj(i -> "flow " + i).toList();
    }
}
