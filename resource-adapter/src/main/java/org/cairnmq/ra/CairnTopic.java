package org.cairnmq.ra;

import jakarta.jms.Topic;

/**
 * A topic bound in JNDI as an administered object of the adapter; configured with the topic's
 * {@code name}. It names the same topic as {@code session.createTopic(name)}.
 */
public class CairnTopic extends AdministeredDestination implements Topic {
    private static final long serialVersionUID = 1L;

    @Override
    public String getTopicName() {
        return getName();
    }

    @Override
    public String toString() {
        return "topic://" + getName();
    }
}
