package org.cairnmq.ra;

import jakarta.jms.Queue;

/**
 * A queue bound in JNDI as an administered object of the adapter; configured with the queue's
 * {@code name}. It names the same queue as {@code session.createQueue(name)}.
 */
public class CairnQueue extends AdministeredDestination implements Queue {
    private static final long serialVersionUID = 1L;

    @Override
    public String getQueueName() {
        return getName();
    }

    @Override
    public String toString() {
        return "queue://" + getName();
    }
}
