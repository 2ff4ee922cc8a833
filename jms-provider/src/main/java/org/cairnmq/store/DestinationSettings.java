package org.cairnmq.store;

import java.util.List;

/** Everything operators set that the store keeps besides messages: created destinations and their policies. */
public record DestinationSettings(List<StoredDestination> destinations, List<StoredPolicy> policies) {
    public DestinationSettings {
        destinations = List.copyOf(destinations);
        policies = List.copyOf(policies);
    }
}
