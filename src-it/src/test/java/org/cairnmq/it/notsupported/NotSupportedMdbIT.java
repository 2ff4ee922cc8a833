package org.cairnmq.it.notsupported;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairnmq.it.notsupported.DeliveryAttempts.Attempt;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.support.MessageClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bean with {@code NOT_SUPPORTED} receives outside any transaction, each message acknowledged when
 * {@code onMessage} returns; if it throws, the message comes back after the destination's redelivery delay
 * (the default policy: 100 ms before the second attempt), marked redelivered, and is then gone.
 */
@ExtendWith(ArquillianExtension.class)
class NotSupportedMdbIT {
    static final String QUEUE = "it.not-supported";
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Duration DEFAULT_REDELIVERY_DELAY = Duration.ofMillis(100);

    @Inject
    DeliveryAttempts attempts;

    @Inject
    MessageClient messages;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2)
    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "not-supported-app.war")
                .addClasses(NotSupportedListener.class, DeliveryAttempts.class, Attempt.class, MessageClient.class)
                .addAsWebInfResource(NotSupportedMdbIT.class.getResource("/queue/jboss-ejb3.xml"), "jboss-ejb3.xml");
    }

    @Test
    @OperateOnDeployment("app")
    void aMessageIsReceivedOutsideATransactionAndAcknowledged() throws Exception {
        String text = "ok " + UUID.randomUUID();
        messages.send(QUEUE, text, Map.of());

        List<Attempt> got = attempts.await(text, 1, BOUND);
        assertEquals(1, got.size());
        assertFalse(got.get(0).inTransaction(), "NOT_SUPPORTED: no transaction");
        assertFalse(got.get(0).redelivered());
        assertEquals(List.of(), messages.receiveAll(QUEUE, 1_000), "acknowledged");
    }

    @Test
    @OperateOnDeployment("app")
    void anExceptionBringsTheMessageBackAfterTheRedeliveryDelay() throws Exception {
        String text = "fail-once " + UUID.randomUUID();
        messages.send(QUEUE, text, Map.of());

        List<Attempt> got = attempts.await(text, 2, BOUND);
        assertEquals(2, got.size(), "delivered again after the exception");
        assertEquals(1, got.get(0).deliveryCount());
        assertTrue(got.get(1).redelivered());
        assertEquals(2, got.get(1).deliveryCount());
        long delay = got.get(1).atNanos() - got.get(0).atNanos();
        assertTrue(delay >= DEFAULT_REDELIVERY_DELAY.toNanos(), "redelivered after the policy's delay, not at once: "
                + Duration.ofNanos(delay));
        assertEquals(List.of(), messages.receiveAll(QUEUE, 1_000), "acknowledged after the second delivery");
        assertEquals(2, attempts.await(text, 3, Duration.ofMillis(500)).size(), "and not delivered a third time");
    }
}
