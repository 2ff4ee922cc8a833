package org.cairnmq.it.topic;

import static org.cairnmq.it.support.Results.queueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
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
 * Topic MDBs and selectors: each message once per bean although its sessions are several (they share
 * one subscription); selectors on a topic and on a queue; and a durable bean that keeps the messages
 * published while it is undeployed and gets them, once, after it is deployed again.
 *
 * <p>Each bean forwards what it processes to a results queue of its own ({@link ForwardingListener}), which
 * the test reads with a plain client.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicMdbIT {
    static final String TOPIC = "ExampleTopic";
    static final String SELECTED_QUEUE = "it.selected";
    private static final String CLIENT = "topic-client";
    private static final String DURABLE_APP = "durable-mdb";
    private static final long QUIET_MILLIS = 2_000;

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
        return withBinding(ShrinkWrap.create(WebArchive.class, CLIENT + ".war")
                .addClasses(MessageClient.class, Results.class, ForwardingListener.class, LiveTopicListener.class, BigOrderListener.class,
                        RedQueueListener.class));
    }

    @Deployment(name = DURABLE_APP, order = 3, managed = false, testable = false)
    static WebArchive durableApp() {
        return withBinding(ShrinkWrap.create(WebArchive.class, DURABLE_APP + ".war")
                .addClasses(ForwardingListener.class, Results.class, DurableAuditListener.class));
    }

    @Test
    @Order(1)
    @RunAsClient
    void deployTheDurableBean() {
        deployer.deploy(DURABLE_APP);
    }

    @Test
    @Order(2)
    @OperateOnDeployment(CLIENT)
    void eachBeanProcessesEachPublishedMessageOnce() throws Exception {
        List<String> sent = publish("first", 10);

        assertEquals(sent, sorted(received("LiveTopicListener", sent.size())), "the non-durable bean");
        assertEquals(sent, sorted(received("DurableAuditListener", sent.size())), "the durable bean");
        assertEquals(sent.subList(5, 10), sorted(received("BigOrderListener", 5)), "the selecting bean: amounts over 104");
        assertEquals(List.of(), messages.receiveAll(queueOf("LiveTopicListener"), QUIET_MILLIS), "no more");
    }

    @Test
    @Order(3)
    @OperateOnDeployment(CLIENT)
    void aQueueBeanWithASelectorLeavesTheOthersInTheQueue() throws Exception {
        for (String color : List.of("red", "blue", "red")) {
            messages.send(SELECTED_QUEUE, color, Map.of("color", color));
        }
        assertEquals(List.of("red", "red"), received("RedQueueListener", 2));
        assertEquals(List.of("blue"), messages.receiveAll(SELECTED_QUEUE, QUIET_MILLIS));
    }

    @Test
    @Order(4)
    @RunAsClient
    void undeployTheDurableBean() {
        deployer.undeploy(DURABLE_APP);
    }

    @Test
    @Order(5)
    @OperateOnDeployment(CLIENT)
    void publishWhileTheDurableBeanIsAway() throws Exception {
        List<String> sent = publish("away", 5);
        assertEquals(sent, sorted(received("LiveTopicListener", sent.size())), "the other bean goes on");
    }

    @Test
    @Order(6)
    @RunAsClient
    void redeployTheDurableBean() {
        deployer.deploy(DURABLE_APP);
    }

    @Test
    @Order(7)
    @OperateOnDeployment(CLIENT)
    void theDurableBeanGetsWhatWasPublishedWhileItWasAway() throws Exception {
        List<String> sent = IntStream.range(0, 5).mapToObj(i -> "away " + (100 + i)).toList();
        assertEquals(sent, sorted(received("DurableAuditListener", sent.size())));
        assertEquals(List.of(), messages.receiveAll(queueOf("DurableAuditListener"), QUIET_MILLIS), "once");
    }

    @Test
    @Order(8)
    @RunAsClient
    void undeployTheDurableBeanAgain() {
        deployer.undeploy(DURABLE_APP);
    }

    /** Publishes "prefix 100" … with the amount property 100 …, in order. */
    private List<String> publish(String prefix, int count) throws Exception {
        List<String> sent = IntStream.range(0, count).mapToObj(i -> prefix + " " + (100 + i)).toList();
        for (int i = 0; i < count; i++) {
            messages.publish(TOPIC, sent.get(i), Map.of("amount", 100 + i));
        }
        return sent;
    }

    private List<String> received(String bean, int count) throws Exception {
        return messages.receive(queueOf(bean), count, 30_000);
    }

    private static List<String> sorted(List<String> texts) {
        return texts.stream().sorted().toList();
    }

    private static WebArchive withBinding(WebArchive war) {
        return war.addAsWebInfResource(TopicMdbIT.class.getResource("/queue/jboss-ejb3.xml"), "jboss-ejb3.xml");
    }
}
