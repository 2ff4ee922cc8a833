package org.cairnmq.management;

/**
 * A consumer attached to a queue or to a topic subscription, as an operator looks for a stuck one.
 *
 * @param subscription   the topic subscription it reads ({@code null} for a queue, or for a non-durable,
 *                       unshared one)
 * @param clientId       its connection's client ID, or {@code null}
 * @param connection     an id of its connection, the same for all consumers of one connection
 * @param selector       its message selector, or {@code null}
 * @param listener       whether messages are pushed to a {@code MessageListener} (else pulled by receive)
 * @param delivered      messages delivered to it since it was created
 * @param unacknowledged messages its session holds, delivered and not yet acknowledged
 * @param idleMillis     time since its last delivery (since its creation when it had none)
 */
public record ConsumerView(String destination, DestinationType type, String subscription, String clientId,
        String connection, String selector, boolean listener, long delivered, int unacknowledged,
        long idleMillis) {
}
