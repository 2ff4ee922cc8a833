package org.cairnmq.ra;

import jakarta.resource.Referenceable;
import java.io.Serializable;
import java.util.Objects;
import javax.naming.Reference;

/**
 * What Cairn's queue and topic administered objects share: the destination's {@code name} (their one
 * config property) and the JNDI reference the server binds them by. Public so that the server can set the
 * property through the subclasses.
 */
public abstract class AdministeredDestination implements Referenceable, Serializable {
    private static final long serialVersionUID = 1L;
    private String name;
    private Reference reference;

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
        return o != null && o.getClass() == getClass() && Objects.equals(((AdministeredDestination) o).name, name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), name);
    }
}
