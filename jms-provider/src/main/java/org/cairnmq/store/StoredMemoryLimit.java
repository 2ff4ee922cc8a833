package org.cairnmq.store;

import java.util.Objects;

/**
 * A destination's own flow-control memory limit as the store keeps it, keyed by destination name like
 * {@link StoredPolicy}.
 *
 * @param limitBytes     at least 1
 * @param overflowPolicy {@code "BLOCK"} or {@code "FAIL"}; the engine checks it when it reads the row
 */
public record StoredMemoryLimit(String destination, long limitBytes, String overflowPolicy) {

    public StoredMemoryLimit {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
    }
}
