package org.cairnmq.it.doors;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** An application's ways to Cairn's pooled factory, each used to send one message. Methods run in a JTA transaction. */
@Stateless
public class Doors {
    static final String FACTORY = "java:/jms/cairn/ConnectionFactory";

    @Resource(lookup = FACTORY)
    ConnectionFactory byResource;

    @Inject
    @JMSConnectionFactory(FACTORY)
    JMSContext injected;

    @Resource
    SessionContext bean;

    public void sendThroughJndiLookup(String queue, String text) throws NamingException {
        ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup(FACTORY);
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createQueue(queue), text);
        }
    }

    public void sendThroughResource(String queue, String text) {
        try (JMSContext context = byResource.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            context.createProducer().send(context.createQueue(queue), text);
        }
    }

    public void sendThroughInjectedContext(String queue, String text) {
        injected.createProducer().send(injected.createQueue(queue), text);
    }

    /** Sends through the injected context, then marks the transaction for rollback. */
    public void sendThroughInjectedContextAndRollBack(String queue, String text) {
        injected.createProducer().send(injected.createQueue(queue), text);
        bean.setRollbackOnly();
    }

    /** What an application-made context says inside the transaction, as "transacted/mode/commit". */
    public String contextRulesInTransaction() {
        try (JMSContext context = byResource.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            String commit;
            try {
                context.commit();
                commit = "none";
            } catch (JMSRuntimeException e) {
                commit = e.getClass().getSimpleName();
            }
            return context.getTransacted() + "/" + context.getSessionMode() + "/" + commit;
        }
    }
}
