package org.cairnmq.store;

import java.util.Objects;

/**
 * A queue or topic an operator created, recorded so that it exists after a restart, and on every broker
 * instance sharing the store, even while it holds no message.
 *
 * @param topic whether it is a topic; a queue otherwise
 * @param name  its name, at most {@link #MAX_NAME_LENGTH} characters
 */
public record StoredDestination(boolean topic, String name) {
    /** The longest destination name the store's columns hold. */
    public static final int MAX_NAME_LENGTH = 255;

    public StoredDestination {
        Objects.requireNonNull(name, "name");
    }

    /** {@code QUEUE} or {@code TOPIC}, as the store writes it. */
    public String kind() {
        return topic ? "TOPIC" : "QUEUE";
    }
}
