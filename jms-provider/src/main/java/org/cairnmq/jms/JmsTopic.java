package org.cairnmq.jms;

import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.Objects;

/** A topic, named by the string given to {@code Session.createTopic}. Immutable. */
public final class JmsTopic implements Topic, Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;

    public JmsTopic(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String getTopicName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JmsTopic other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "topic://" + name;
    }
}
