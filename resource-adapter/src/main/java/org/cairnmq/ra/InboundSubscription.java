package org.cairnmq.ra;

import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.UUID;

/**
 * What each of an activation's sessions consumes. On a queue, a consumer with the bean's selector. On a
 * topic, a consumer of one subscription that all the bean's sessions share (shared durable, or shared
 * non-durable), so each message is processed once per bean however many sessions it has: named by
 * {@code subscriptionName}, or, for a non-durable one without a name, by a name of this activation's own.
 */
final class InboundSubscription {
    private final InboundDestination destination;
    private final String selector;
    private final boolean durable;
    private final String subscriptionName;

    InboundSubscription(CairnActivationSpec spec, InboundDestination destination) {
        this.destination = destination;
        this.selector = CairnActivationSpec.isBlank(spec.getMessageSelector()) ? null : spec.getMessageSelector();
        this.durable = spec.isDurable();
        this.subscriptionName = CairnActivationSpec.isBlank(spec.getSubscriptionName())
                ? "cairn-mdb-" + UUID.randomUUID() : spec.getSubscriptionName();
    }

    MessageConsumer createConsumer(Session session) throws JMSException {
        if (!destination.topic()) {
            return session.createConsumer(session.createQueue(destination.name()), selector);
        }
        if (durable) {
            return session.createSharedDurableConsumer(session.createTopic(destination.name()), subscriptionName, selector);
        }
        return session.createSharedConsumer(session.createTopic(destination.name()), subscriptionName, selector);
    }

    @Override
    public String toString() {
        if (!destination.topic()) {
            return destination + (selector == null ? "" : " where " + selector);
        }
        return (durable ? "durable" : "non-durable") + " subscription " + subscriptionName + " to " + destination
                + (selector == null ? "" : " where " + selector);
    }
}
