package org.cairnmq.jms;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.cairnmq.engine.DestinationAddress;

/** Maps destinations of any provider, by name, to the engine's addresses and back. */
final class Destinations {
    private Destinations() {
    }

    static DestinationAddress address(Destination destination) throws JMSException {
        if (destination instanceof Queue queue) {
            String name = queue.getQueueName();
            if (name == null || name.isBlank()) {
                throw new InvalidDestinationException("A queue needs a name");
            }
            return DestinationAddress.queue(name);
        }
        if (destination instanceof Topic topic) {
            String name = topic.getTopicName();
            if (name == null || name.isBlank()) {
                throw new InvalidDestinationException("A topic needs a name");
            }
            return DestinationAddress.topic(name);
        }
        throw new InvalidDestinationException("Not a queue or topic: " + destination);
    }

    static Destination destination(DestinationAddress address) {
        if (address == null) {
            return null;
        }
        return address.kind() == DestinationAddress.Kind.TOPIC ? new JmsTopic(address.name())
                : new JmsQueue(address.name());
    }
}
