package org.cairnmq.engine;

import java.util.Map;
import java.util.Objects;

/**
 * How much memory the broker gives messages that cannot page to the store (non-persistent messages,
 * messages of temporary queues and non-durable subscriptions, and every message waiting for its delivery
 * time or back-off), and what a producer meets once it is used up. Persistent messages sent to durable
 * queues and durable subscriptions are not counted: beyond {@link BrokerOptions#queueMemoryLimit()} they
 * wait in the store (they page).
 *
 * <p>Sizes are estimates in bytes: the body, the properties and the headers, plus a fixed overhead per
 * message. Each copy counts: a message published to a topic counts once per subscription that takes it.
 *
 * @param brokerLimitBytes      the limit for all destinations together
 * @param destinationLimitBytes the limit of each queue, and of each topic subscription, that has no limit of
 *                              its own in {@code destinations}
 * @param policy                what a send meets at a destination without a limit of its own when a limit
 *                              is reached
 * @param blockMillis           how long a {@link OverflowPolicy#BLOCK blocked} send waits for room before it
 *                              fails
 * @param destinations          limits of their own, by destination name, or by name prefix when the key
 *                              ends with {@code *} ({@code "orders.*"}); an exact name wins over a prefix,
 *                              a longer prefix over a shorter one. For a topic, the limit applies to each of
 *                              its subscriptions.
 */
public record FlowControl(long brokerLimitBytes, long destinationLimitBytes, OverflowPolicy policy,
        long blockMillis, Map<String, DestinationLimit> destinations) {
    /** How long a blocked send waits for room unless configured otherwise. */
    public static final long DEFAULT_BLOCK_MILLIS = 10_000;
    /** The most a destination holds unless configured otherwise (or less, when the broker limit is lower). */
    public static final long DEFAULT_DESTINATION_LIMIT_BYTES = 64L * 1024 * 1024;
    /** The fraction of the maximum heap that all destinations together may hold unless configured otherwise. */
    public static final double DEFAULT_HEAP_FRACTION = 0.25;

    /** What a send meets when the memory it needs is not there. */
    public enum OverflowPolicy {
        /** The send waits for consumers to free room, for at most {@code blockMillis}, then fails. */
        BLOCK,
        /** The send fails at once ({@code ResourceAllocationException}). */
        FAIL
    }

    /** The limit and policy of one destination, or of the destinations whose names share a prefix. */
    public record DestinationLimit(long limitBytes, OverflowPolicy policy) {
        public DestinationLimit {
            Objects.requireNonNull(policy, "policy");
            requirePositive(limitBytes, "A destination's memory limit");
        }
    }

    public FlowControl {
        Objects.requireNonNull(policy, "policy");
        requirePositive(brokerLimitBytes, "The broker's memory limit");
        requirePositive(destinationLimitBytes, "A destination's memory limit");
        if (blockMillis < 0) {
            throw new IllegalArgumentException("A blocked send waits 0 ms or more: " + blockMillis);
        }
        destinations = Map.copyOf(destinations);
    }

    /**
     * A quarter of the maximum heap for the broker, 64 MiB (at most the broker's limit) per destination,
     * sends blocked for at most 10 s.
     */
    public static FlowControl defaults() {
        long broker = (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_FRACTION);
        return new FlowControl(broker, Math.min(DEFAULT_DESTINATION_LIMIT_BYTES, broker), OverflowPolicy.BLOCK,
                DEFAULT_BLOCK_MILLIS, Map.of());
    }

    /** The system properties {@link #configured} reads, for servers where no code sets up the broker. */
    public static final String BROKER_LIMIT_PROPERTY = "cairn.flow.brokerLimitBytes";
    public static final String DESTINATION_LIMIT_PROPERTY = "cairn.flow.destinationLimitBytes";
    public static final String POLICY_PROPERTY = "cairn.flow.policy";
    public static final String BLOCK_MILLIS_PROPERTY = "cairn.flow.blockMillis";

    /**
     * The {@link #defaults()}, with what the properties set instead: {@value #BROKER_LIMIT_PROPERTY},
     * {@value #DESTINATION_LIMIT_PROPERTY} (bytes), {@value #POLICY_PROPERTY} ({@code BLOCK} or {@code FAIL})
     * and {@value #BLOCK_MILLIS_PROPERTY}. This is how flow control is set in WildFly (system properties
     * of the server).
     *
     * @throws IllegalArgumentException naming the property, for a value that is not a number or policy, or
     *                                  that no flow control can have
     */
    public static FlowControl configured(java.util.Properties properties) {
        try {
            return fromProperties(properties);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("-D")) {
                throw e;
            }
            throw new IllegalArgumentException("The -Dcairn.flow.* properties: " + e.getMessage(), e);
        }
    }

    private static FlowControl fromProperties(java.util.Properties properties) {
        FlowControl flow = defaults();
        Long broker = number(properties, BROKER_LIMIT_PROPERTY);
        if (broker != null) {
            flow = flow.withBrokerLimitBytes(broker);
            if (properties.getProperty(DESTINATION_LIMIT_PROPERTY) == null) {
                // The default per destination never exceeds the broker's limit.
                flow = flow.withDestinationDefaults(Math.min(flow.destinationLimitBytes, broker), flow.policy);
            }
        }
        Long destination = number(properties, DESTINATION_LIMIT_PROPERTY);
        String policyName = properties.getProperty(POLICY_PROPERTY);
        OverflowPolicy overflow = flow.policy;
        if (policyName != null) {
            try {
                overflow = OverflowPolicy.valueOf(policyName.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-D" + POLICY_PROPERTY + " is BLOCK or FAIL: " + policyName, e);
            }
        }
        flow = flow.withDestinationDefaults(destination != null ? destination : flow.destinationLimitBytes, overflow);
        Long block = number(properties, BLOCK_MILLIS_PROPERTY);
        return block != null ? flow.withBlockMillis(block) : flow;
    }

    private static Long number(java.util.Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a whole number: " + value, e);
        }
    }

    public FlowControl withBrokerLimitBytes(long bytes) {
        return new FlowControl(bytes, destinationLimitBytes, policy, blockMillis, destinations);
    }

    /** The limit and policy of every destination without one of its own. */
    public FlowControl withDestinationDefaults(long bytes, OverflowPolicy overflow) {
        return new FlowControl(brokerLimitBytes, bytes, overflow, blockMillis, destinations);
    }

    public FlowControl withBlockMillis(long millis) {
        return new FlowControl(brokerLimitBytes, destinationLimitBytes, policy, millis, destinations);
    }

    /** Gives a destination, or with a trailing {@code *} every destination with that prefix, a limit of its own. */
    public FlowControl withDestination(String nameOrPrefix, long bytes, OverflowPolicy overflow) {
        Objects.requireNonNull(nameOrPrefix, "nameOrPrefix");
        Map<String, DestinationLimit> more = new java.util.HashMap<>(destinations);
        more.put(nameOrPrefix, new DestinationLimit(bytes, overflow));
        return new FlowControl(brokerLimitBytes, destinationLimitBytes, policy, blockMillis, more);
    }

    /** The limit in force for a destination: its own, else its longest matching prefix's, else the default. */
    public DestinationLimit limitOf(String destination) {
        DestinationLimit exact = destinations.get(destination);
        if (exact != null) {
            return exact;
        }
        DestinationLimit best = new DestinationLimit(destinationLimitBytes, policy);
        int bestLength = -1;
        for (Map.Entry<String, DestinationLimit> e : destinations.entrySet()) {
            String key = e.getKey();
            if (key.endsWith("*")) {
                String prefix = key.substring(0, key.length() - 1);
                if (destination.startsWith(prefix) && prefix.length() > bestLength) {
                    best = e.getValue();
                    bestLength = prefix.length();
                }
            }
        }
        return best;
    }

    private static void requirePositive(long bytes, String what) {
        if (bytes <= 0) {
            throw new IllegalArgumentException(what + " is at least 1 byte: " + bytes);
        }
    }
}
