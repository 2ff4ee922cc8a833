package org.cairnmq.ra;

import jakarta.jms.Topic;
import jakarta.resource.Referenceable;
import java.io.Serializable;
import java.util.Objects;
import javax.naming.Reference;

/**
 * A topic bound in JNDI as an administered object of the adapter; configured with the topic's
 * {@code name}. It names the same topic as {@code session.createTopic(name)}.
 */
public class CairnTopic implements Topic, Referenceable, Serializable {
    private static final long serialVersionUID = 1L;
    private String name;
    private Reference reference;

    @Override
    public String getTopicName() {
        return name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CairnTopic other && Objects.equals(other.name, name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return "topic://" + name;
    }
}
