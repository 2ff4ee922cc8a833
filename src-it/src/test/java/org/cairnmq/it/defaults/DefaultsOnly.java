package org.cairnmq.it.defaults;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/** An application written for the platform's defaults only: no JNDI name, no qualifier, no adapter name. */
@Stateless
public class DefaultsOnly {
    @Resource
    ConnectionFactory factory;

    @Inject
    JMSContext context;

    public void sendWithDefaultFactory(String queue, String text) {
        try (JMSContext own = factory.createContext()) {
            own.createProducer().send(own.createQueue(queue), text);
        }
    }

    public void sendWithInjectedContext(String queue, String text) {
        context.createProducer().send(context.createQueue(queue), text);
    }

    /** The class of the default factory, to show whose it is. */
    public String factoryClass() {
        return factory.getClass().getName();
    }
}
