package org.cairnmq.it.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
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
 * A bean with {@code maxSession} 5 gets up to five messages at once, on threads of the server's work
 * manager, and no more: with twenty messages waiting and its calls held at a gate, five calls are inside
 * and fifteen messages are still ready in the queue.
 */
@ExtendWith(ArquillianExtension.class)
class MaxSessionIT {
    static final String QUEUE = "it.concurrency";
    static final int MAX_SESSION = 5;
    private static final int MESSAGES = 20;
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    ConcurrencyProbe probe;

    @Inject
    MessageClient messages;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2)
    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "concurrency-app.war")
                .addClasses(ConcurrencyProbe.class, GatedListener.class, MessageClient.class)
                .addAsWebInfResource(MaxSessionIT.class.getResource("/queue/jboss-ejb3.xml"), "jboss-ejb3.xml");
    }

    @Test
    @OperateOnDeployment("app")
    void upToMaxSessionMessagesAreProcessedAtOnce() throws Exception {
        List<String> texts = IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList();
        messages.sendTogether(QUEUE, texts);

        assertEquals(MAX_SESSION, probe.awaitActive(MAX_SESSION, BOUND), "calls inside onMessage at once");
        assertEquals(MESSAGES - MAX_SESSION, messages.browse(QUEUE), "the rest wait in the queue for a session");
        probe.open();

        assertEquals(MESSAGES, probe.awaitProcessed(MESSAGES, BOUND));
        assertEquals(MAX_SESSION, probe.maxActive());
        assertEquals(0, messages.browse(QUEUE));
    }
}
