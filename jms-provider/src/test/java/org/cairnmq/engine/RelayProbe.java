package org.cairnmq.engine;

/** Tests: what a broker knows of the other nodes' topic relays ({@link TopicRelays}). */
public final class RelayProbe {
    private RelayProbe() {
    }

    /** How many queues of other nodes (relays, shared subscriptions) a message published on the topic through this broker may be written to. */
    public static int relaysTo(Broker broker, String topic) {
        return broker.relays().otherNodesTargets(topic);
    }

    /** The store ids of the other nodes' relays and shared subscriptions of the topic this broker knows of. */
    public static java.util.Set<Long> queueIds(Broker broker, String topic) {
        return broker.relays().otherNodesQueueIds(topic);
    }
}
