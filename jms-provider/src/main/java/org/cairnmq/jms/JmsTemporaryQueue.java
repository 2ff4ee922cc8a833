package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;
import org.cairnmq.engine.BrokerException;
import org.cairnmq.engine.DestinationAddress;
import org.cairnmq.engine.EngineConnection;

/** A queue that lives as long as the connection that created it; only that connection consumes from it. */
public final class JmsTemporaryQueue implements TemporaryQueue {
    private final DestinationAddress address;
    private final EngineConnection owner;

    JmsTemporaryQueue(DestinationAddress address, EngineConnection owner) {
        this.address = address;
        this.owner = owner;
    }

    @Override
    public String getQueueName() {
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
        return o instanceof JmsTemporaryQueue other && other.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    @Override
    public String toString() {
        return "temp-queue://" + address.name();
    }
}
