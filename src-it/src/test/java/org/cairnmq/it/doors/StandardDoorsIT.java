package org.cairnmq.it.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.util.UUID;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.support.Messages;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every standard way an application reaches Cairn's pooled factory, in WildFly: a JNDI lookup,
 * {@code @Resource(lookup)}, the container-managed {@code @Inject JMSContext} (WildFly's Weld integration),
 * and {@code createContext} outside and inside a JTA transaction.
 */
@ExtendWith(ArquillianExtension.class)
class StandardDoorsIT {
    @Inject
    Doors doors;

    @Resource(lookup = Doors.FACTORY)
    ConnectionFactory factory;

    private String queue;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2)
    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "doors-app.war").addClasses(Doors.class, Messages.class, NoCompletion.class);
    }

    @BeforeEach
    void newQueue() {
        queue = "doors-" + UUID.randomUUID();
    }

    @Test
    @OperateOnDeployment("app")
    void jndiLookup() throws Exception {
        doors.sendThroughJndiLookup(queue, "looked up");
        assertEquals("looked up", Messages.receiveText(factory, queue));
    }

    @Test
    @OperateOnDeployment("app")
    void resourceInjectionWithAnyCreateContextOverload() {
        doors.sendThroughResource(queue, "injected resource");
        assertEquals("injected resource", Messages.receiveText(factory, queue));
    }

    @Test
    @OperateOnDeployment("app")
    void injectedJmsContextSendsInTheBeansTransaction() {
        doors.sendThroughInjectedContextAndRollBack(queue, "rolled back");
        doors.sendThroughInjectedContext(queue, "committed");
        assertEquals("committed", Messages.receiveText(factory, queue), "the rolled-back send never arrives");
    }

    @Test
    @OperateOnDeployment("app")
    void aContextInsideAJtaTransactionIsTransactedAndLeavesCommitToTheTransactionManager() {
        assertEquals("true/" + JMSContext.SESSION_TRANSACTED + "/TransactionInProgressRuntimeException",
                doors.contextRulesInTransaction());
    }

    @Test
    @OperateOnDeployment("app")
    void aContextOutsideATransactionSendsAtOnceAndRefusesWhatTheContainerForbids() {
        try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            assertEquals(JMSContext.AUTO_ACKNOWLEDGE, context.getSessionMode(), "the mode is ignored");
            context.createProducer().send(context.createQueue(queue), "at once");
            assertEquals("at once", Messages.receiveText(factory, queue), "visible before the context closes");
            assertThrows(IllegalStateRuntimeException.class, context::commit);
            assertThrows(IllegalStateRuntimeException.class, () -> context.setClientID("client"));
            assertThrows(IllegalStateRuntimeException.class, () -> context.setExceptionListener(e -> { }));
            assertThrows(IllegalStateRuntimeException.class, context::stop);
            assertThrows(JMSRuntimeException.class, () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE));
            assertThrows(IllegalStateRuntimeException.class,
                    () -> context.createConsumer(context.createQueue(queue)).setMessageListener(m -> { }));
            assertThrows(IllegalStateRuntimeException.class, () -> context.createProducer().setAsync(new NoCompletion()));
        }
    }

    private static final class NoCompletion implements jakarta.jms.CompletionListener {
        @Override
        public void onCompletion(jakarta.jms.Message message) {
        }

        @Override
        public void onException(jakarta.jms.Message message, Exception exception) {
        }
    }
}
