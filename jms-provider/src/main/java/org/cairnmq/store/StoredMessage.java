package org.cairnmq.store;

/**
 * A message as the store keeps it: plain data, no messaging API types.
 *
 * <p>{@code id} is assigned by the store when the message is first written; it is {@code 0} before.
 * Headers the broker dispatches or searches on have columns of their own; application properties and
 * the body are opaque bytes encoded by the engine.
 */
public record StoredMessage(
        long id,
        String destination,
        StoredHeaders headers,
        int deliveryCount,
        byte[] properties,
        int bodyType,
        byte[] body) {

    /** The same message with the id the store gave it. */
    public StoredMessage withId(long newId) {
        return new StoredMessage(newId, destination, headers, deliveryCount, properties, bodyType, body);
    }
}
