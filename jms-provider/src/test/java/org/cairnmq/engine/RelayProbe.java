package org.cairnmq.engine;

/** Tests: what a broker knows of the other nodes' topic relays ({@link TopicRelays}). */
public final class RelayProbe {
    private RelayProbe() {
    }

    /** How many other nodes' relays a message published on the topic through this broker is written to. */
    public static int relaysTo(Broker broker, String topic) {
        return broker.relays().targets(topic).size();
    }
}
