package org.cairnmq.store;

import java.util.List;

/**
 * Everything operators set that the store keeps besides messages: created destinations, their delivery
 * policies and their memory limits.
 */
public record DestinationSettings(List<StoredDestination> destinations, List<StoredPolicy> policies,
        List<StoredMemoryLimit> memoryLimits) {
    public DestinationSettings {
        destinations = List.copyOf(destinations);
        policies = List.copyOf(policies);
        memoryLimits = List.copyOf(memoryLimits);
    }
}
