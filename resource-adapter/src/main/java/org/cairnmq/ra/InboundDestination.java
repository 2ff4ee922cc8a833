package org.cairnmq.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.resource.spi.InvalidPropertyException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The queue or topic an activation reads, resolved from its spec: looked up in JNDI
 * ({@code destinationLookup}) or taken by name ({@code destination}), and checked against
 * {@code destinationType} and the subscription properties.
 */
record InboundDestination(String name, boolean topic) {

    static InboundDestination resolve(CairnActivationSpec spec) throws InvalidPropertyException {
        InboundDestination resolved = CairnActivationSpec.isBlank(spec.getDestinationLookup())
                ? byName(spec)
                : lookUp(spec.getDestinationLookup(), spec.getDestinationType());
        if (!resolved.topic && spec.isDurable()) {
            throw CairnActivationSpec.invalid("subscriptionDurability",
                    resolved + " is a queue; Durable is for topics");
        }
        return resolved;
    }

    private static InboundDestination byName(CairnActivationSpec spec) {
        return new InboundDestination(spec.getDestination(), CairnActivationSpec.TOPIC_TYPE.equals(spec.getDestinationType()));
    }

    private static InboundDestination lookUp(String jndiName, String expectedType) throws InvalidPropertyException {
        Object found;
        try {
            found = new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw CairnActivationSpec.invalid("destinationLookup", "cannot look up " + jndiName + ": " + e.getMessage());
        }
        InboundDestination resolved = of(found, jndiName);
        String actualType = resolved.topic ? CairnActivationSpec.TOPIC_TYPE : CairnActivationSpec.QUEUE_TYPE;
        if (expectedType != null && !expectedType.equals(actualType)) {
            throw CairnActivationSpec.invalid("destinationType", "is " + expectedType + " but " + jndiName
                    + " is a " + actualType);
        }
        return resolved;
    }

    private static InboundDestination of(Object found, String jndiName) throws InvalidPropertyException {
        try {
            if (found instanceof Queue queue) {
                return new InboundDestination(queue.getQueueName(), false);
            }
            if (found instanceof Topic topic) {
                return new InboundDestination(topic.getTopicName(), true);
            }
        } catch (JMSException e) {
            throw CairnActivationSpec.invalid("destinationLookup", jndiName + " has no name: " + e.getMessage());
        }
        throw CairnActivationSpec.invalid("destinationLookup", jndiName + " is neither a queue nor a topic but " + found);
    }

    @Override
    public String toString() {
        return (topic ? "topic " : "queue ") + name;
    }
}
