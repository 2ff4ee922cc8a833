package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/** A queue that lives as long as the connection that created it; only that connection consumes from it. */
public final class JmsTemporaryQueue implements TemporaryQueue {
    private final TemporaryDestination temporary;

    JmsTemporaryQueue(TemporaryDestination temporary) {
        this.temporary = temporary;
    }

    @Override
    public String getQueueName() {
        return temporary.address().name();
    }

    @Override
    public void delete() throws JMSException {
        temporary.delete();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JmsTemporaryQueue other && other.temporary.address().equals(temporary.address());
    }

    @Override
    public int hashCode() {
        return temporary.address().hashCode();
    }

    @Override
    public String toString() {
        return "temp-queue://" + getQueueName();
    }
}
