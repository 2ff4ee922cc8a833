package org.cairnmq.ra;

import jakarta.jms.IllegalStateException;

/** The one wording for a call the Jakarta EE web or EJB container forbids (Jakarta Messaging 3.1, section 12.2). */
final class ContainerRules {
    private ContainerRules() {
    }

    static IllegalStateException forbidden(String call) {
        return new IllegalStateException(call + " is not allowed in the Jakarta EE web or EJB container");
    }
}
