package org.cairnmq.it.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.support.Messages;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fifty container threads send through Cairn's pooled factory at once (max pool size 50), each message
 * with a context of its own: every message arrives exactly once, no sender times out waiting for a session,
 * and afterwards all fifty sessions can be taken at once again, so none leaked.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolConcurrencyIT {
    static final int SENDERS = 50;
    static final int PER_SENDER = 20;
    static final String QUEUE = "pool-concurrency";
    /** max-pool-size of the connection definition in the adapter's ironjacamar.xml. */
    static final int MAX_POOL_SIZE = 50;

    @Inject
    ConcurrentSenders senders;

    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory factory;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2)
    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "pool-app.war")
                .addClasses(ConcurrentSenders.class, Messages.class)
                .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                        "<beans bean-discovery-mode=\"all\"/>"), "beans.xml");
    }

    @Test
    @Order(2)
    @OperateOnDeployment("app")
    void fiftyConcurrentSendersEachMessageArrivesOnce() throws Exception {
        senders.send(QUEUE, SENDERS, PER_SENDER);
        List<String> received = Messages.receiveTexts(factory, QUEUE, SENDERS * PER_SENDER);
        Set<String> expected = new HashSet<>();
        for (int s = 0; s < SENDERS; s++) {
            for (int m = 0; m < PER_SENDER; m++) {
                expected.add(s + "-" + m);
            }
        }
        assertEquals(SENDERS * PER_SENDER, received.size(), "no message lost and none twice");
        assertEquals(expected, new HashSet<>(received));
    }

    @Test
    @Order(3)
    @OperateOnDeployment("app")
    void afterwardsEverySessionOfThePoolIsFreeAgain() {
        assertEquals(MAX_POOL_SIZE, senders.holdAtOnce(MAX_POOL_SIZE),
                "all 50 sessions can be held at once: none leaked (a leaked one would make this wait and time out)");
    }
}
