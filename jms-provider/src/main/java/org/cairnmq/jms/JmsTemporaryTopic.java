package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;
import org.cairnmq.engine.BrokerException;
import org.cairnmq.engine.DestinationAddress;
import org.cairnmq.engine.EngineConnection;

/** A topic that lives as long as the connection that created it; only that connection subscribes to it. */
public final class JmsTemporaryTopic implements TemporaryTopic {
    private final DestinationAddress address;
    private final EngineConnection owner;

    JmsTemporaryTopic(DestinationAddress address, EngineConnection owner) {
        this.address = address;
        this.owner = owner;
    }

    @Override
    public String getTopicName() {
        return address.name();
    }

    @Override
    public void delete() throws JMSException {
        try {
            owner.deleteTemporary(address);
        } catch (BrokerException e) {
            throw JmsExceptions.of(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JmsTemporaryTopic other && other.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    @Override
    public String toString() {
        return "temp-topic://" + address.name();
    }
}
