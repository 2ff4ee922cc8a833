package org.cairnmq.ra;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;

/** The one wording for a call the Jakarta EE web or EJB container forbids (Jakarta Messaging 3.1, section 12.2). */
final class ContainerRules {
    private ContainerRules() {
    }

    static IllegalStateException forbidden(String call) {
        return new IllegalStateException(call + " is not allowed in the Jakarta EE web or EJB container");
    }

    /** The same for the simplified API. */
    static IllegalStateRuntimeException forbiddenInContext(String call) {
        return new IllegalStateRuntimeException(call + " is not allowed in the Jakarta EE web or EJB container");
    }
}
