package org.cairnmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/** A topic that lives as long as the connection that created it; only that connection subscribes to it. */
public final class JmsTemporaryTopic implements TemporaryTopic {
    private final TemporaryDestination temporary;

    JmsTemporaryTopic(TemporaryDestination temporary) {
        this.temporary = temporary;
    }

    @Override
    public String getTopicName() {
        return temporary.address().name();
    }

    @Override
    public void delete() throws JMSException {
        temporary.delete();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JmsTemporaryTopic other && other.temporary.address().equals(temporary.address());
    }

    @Override
    public int hashCode() {
        return temporary.address().hashCode();
    }

    @Override
    public String toString() {
        return "temp-topic://" + getTopicName();
    }
}
