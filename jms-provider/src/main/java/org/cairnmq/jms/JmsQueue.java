package org.cairnmq.jms;

import jakarta.jms.Queue;
import java.io.Serializable;
import java.util.Objects;

/** A queue, named by the string given to {@code Session.createQueue}. Immutable. */
public final class JmsQueue implements Queue, Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;

    public JmsQueue(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String getQueueName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JmsQueue other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "queue://" + name;
    }
}
