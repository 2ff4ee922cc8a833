package org.cairnmq.jms;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.cairnmq.engine.DestinationAddress;
import org.cairnmq.destination.DestinationNames;

/** Maps destinations of any provider, by name, to the engine's addresses and back. */
final class Destinations {
    private Destinations() {
    }

    static DestinationAddress address(Destination destination) throws JMSException {
        if (destination instanceof Queue queue) {
            String name = queue.getQueueName();
            checkName("A queue name", name);
            return DestinationAddress.queue(name);
        }
        if (destination instanceof Topic topic) {
            String name = topic.getTopicName();
            checkName("A topic name", name);
            return DestinationAddress.topic(name);
        }
        throw new InvalidDestinationException("Not a queue or topic: " + destination);
    }

    /**
     * Refuses, where the application names it, a destination name the broker's store cannot keep (see
     * {@link DestinationNames}), rather than failing the first send to it.
     */
    static void checkName(String what, String name) throws InvalidDestinationException {
        String problem = DestinationNames.problem(what, name);
        if (problem != null) {
            throw new InvalidDestinationException(problem);
        }
    }

    static Destination destination(DestinationAddress address) {
        if (address == null) {
            return null;
        }
        return address.kind() == DestinationAddress.Kind.TOPIC ? new JmsTopic(address.name())
                : new JmsQueue(address.name());
    }
}
