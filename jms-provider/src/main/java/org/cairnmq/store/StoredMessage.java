package org.cairnmq.store;

/**
 * A message as the store keeps it: plain data, no messaging API types.
 *
 * <p>{@code id} is assigned by the store when the message is first written; it is {@code 0} before.
 * A row belongs to a queue ({@code subscriptionId == 0}, {@code destination} is the queue's name) or to a
 * durable topic subscription ({@code destination} is the topic's name, {@code subscriptionId} the
 * subscription's id).
 * Headers the broker dispatches or searches on have columns of their own; application properties and
 * the body are opaque bytes encoded by the engine.
 */
public record StoredMessage(
        long id,
        String destination,
        long subscriptionId,
        StoredHeaders headers,
        int deliveryCount,
        byte[] properties,
        int bodyType,
        byte[] body) {

    /** A message of a queue. */
    public StoredMessage(long id, String queue, StoredHeaders headers, int deliveryCount, byte[] properties,
            int bodyType, byte[] body) {
        this(id, queue, 0, headers, deliveryCount, properties, bodyType, body);
    }

    /** The same message with the id the store gave it. */
    public StoredMessage withId(long newId) {
        return new StoredMessage(newId, destination, subscriptionId, headers, deliveryCount, properties, bodyType,
                body);
    }
}
