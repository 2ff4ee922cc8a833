package org.cairnmq.engine;

import java.util.Objects;

/**
 * What a broker instance is set up with before it starts.
 *
 * @param nodeName         the name this instance registers under in its store; an instance starting under
 *                         the same name takes over the claims of the one before it (the same node after a
 *                         restart or crash), so nodes sharing one database need distinct names
 * @param queueMemoryLimit how many ready messages each durable queue or subscription keeps in memory;
 *                         beyond it, persistent arrivals stay in the store and are loaded page by page
 * @param leaseMillis      how long this instance's claims on messages hold without renewal: after it, when
 *                         the instance has died, another instance sharing the store takes its messages over
 * @param settingsRereadMillis how often this instance reads the destinations and policies operators stored
 *                         again, to pick up what other instances sharing the store changed
 * @param flowControl      the memory messages that cannot page may take, and what producers meet beyond it
 */
public record BrokerOptions(String nodeName, int queueMemoryLimit, long leaseMillis, long settingsRereadMillis,
        FlowControl flowControl) {
    /** Ready messages a durable queue keeps in memory unless configured otherwise. */
    public static final int DEFAULT_QUEUE_MEMORY_LIMIT = 10_000;
    /** How long an instance's claims hold unless configured otherwise; it renews them every third of it. */
    public static final long DEFAULT_LEASE_MILLIS = 30_000;
    /** How often stored destination settings are read again unless configured otherwise. */
    public static final long DEFAULT_SETTINGS_REREAD_MILLIS = 15_000;
    /** The system property that sets the lease where no code sets up the options (in WildFly). */
    public static final String LEASE_PROPERTY = "cairn.node.leaseMillis";
    /** The system property that sets the re-read period where no code sets up the options (in WildFly). */
    public static final String SETTINGS_REREAD_PROPERTY = "cairn.settings.rereadMillis";

    public BrokerOptions {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(flowControl, "flowControl");
        if (nodeName.isBlank() || nodeName.length() > 255) {
            throw new IllegalArgumentException("A node name has 1 to 255 characters: '" + nodeName + "'");
        }
        if (queueMemoryLimit < 2) {
            throw new IllegalArgumentException("A queue's memory limit is at least 2 messages: " + queueMemoryLimit);
        }
        if (leaseMillis < 300) {
            throw new IllegalArgumentException("A lease lasts at least 300 ms: " + leaseMillis);
        }
        if (settingsRereadMillis < 100) {
            throw new IllegalArgumentException("Settings are read again at most every 100 ms: " + settingsRereadMillis);
        }
    }

    /** With the default settings re-read period and {@link FlowControl#defaults()}. */
    public BrokerOptions(String nodeName, int queueMemoryLimit, long leaseMillis) {
        this(nodeName, queueMemoryLimit, leaseMillis, DEFAULT_SETTINGS_REREAD_MILLIS, FlowControl.defaults());
    }

    /**
     * The node name from {@code -Dcairn.node.name}, else WildFly's {@code jboss.node.name}, else the host
     * name; the default memory limit; the lease from {@code -Dcairn.node.leaseMillis}, else 30 s;
     * the settings re-read period from {@code -Dcairn.settings.rereadMillis}, else 15 s; flow control from
     * the {@code cairn.flow.*} properties ({@link FlowControl#configured}), else its defaults.
     */
    public static BrokerOptions defaults() {
        return new BrokerOptions(defaultNodeName(), DEFAULT_QUEUE_MEMORY_LIMIT,
                Long.getLong(LEASE_PROPERTY, DEFAULT_LEASE_MILLIS),
                Long.getLong(SETTINGS_REREAD_PROPERTY, DEFAULT_SETTINGS_REREAD_MILLIS),
                FlowControl.configured(System.getProperties()));
    }

    public BrokerOptions withNodeName(String name) {
        return new BrokerOptions(name, queueMemoryLimit, leaseMillis, settingsRereadMillis, flowControl);
    }

    public BrokerOptions withQueueMemoryLimit(int messages) {
        return new BrokerOptions(nodeName, messages, leaseMillis, settingsRereadMillis, flowControl);
    }

    public BrokerOptions withLeaseMillis(long millis) {
        return new BrokerOptions(nodeName, queueMemoryLimit, millis, settingsRereadMillis, flowControl);
    }

    public BrokerOptions withSettingsRereadMillis(long millis) {
        return new BrokerOptions(nodeName, queueMemoryLimit, leaseMillis, millis, flowControl);
    }

    public BrokerOptions withFlowControl(FlowControl flow) {
        return new BrokerOptions(nodeName, queueMemoryLimit, leaseMillis, settingsRereadMillis, flow);
    }

    private static String defaultNodeName() {
        // Each node of one store needs a name of its own: WildFly servers of one host share the host name.
        for (String property : new String[] {"cairn.node.name", "jboss.node.name"}) {
            String configured = System.getProperty(property);
            if (configured != null && !configured.isBlank()) {
                return configured;
            }
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "cairn";
        }
    }
}
