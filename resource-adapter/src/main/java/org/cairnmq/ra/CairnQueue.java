package org.cairnmq.ra;

import jakarta.jms.Queue;
import jakarta.resource.Referenceable;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * A queue bound in JNDI as an administered object of the adapter; configured with the queue's
 * {@code name}. It names the same queue as {@code session.createQueue(name)}.
 */
public class CairnQueue implements Queue, Referenceable, Serializable {
    private static final long serialVersionUID = 1L;
    private String name;
    private Reference reference;

    @Override
    public String getQueueName() {
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
        return o instanceof CairnQueue other && java.util.Objects.equals(other.name, name);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return "queue://" + name;
    }
}
