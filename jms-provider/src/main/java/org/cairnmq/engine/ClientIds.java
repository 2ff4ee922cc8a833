package org.cairnmq.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The client IDs in use, each held by the one open connection that set it until that connection closes.
 * Claims are atomic ({@code putIfAbsent}), so two connections setting the same ID at once cannot both win.
 */
final class ClientIds {
    private final ConcurrentMap<String, EngineConnection> holders = new ConcurrentHashMap<>();

    /**
     * @throws BrokerException {@code INVALID_CLIENT_ID} when another connection holds the ID, or when it is
     *                         reserved for the broker's own use ({@link TopicRelays#RESERVED_PREFIX})
     */
    void claim(String clientId, EngineConnection connection) {
        if (TopicRelays.isReserved(clientId)) {
            throw new BrokerException(BrokerException.Kind.INVALID_CLIENT_ID, "Client IDs beginning with "
                    + TopicRelays.RESERVED_PREFIX + " are reserved for the broker: " + clientId);
        }
        EngineConnection holder = holders.putIfAbsent(clientId, connection);
        if (holder != null && holder != connection) {
            throw new BrokerException(BrokerException.Kind.INVALID_CLIENT_ID,
                    "Client ID " + clientId + " is in use by another connection");
        }
    }

    /** Gives the ID up, if this connection holds it. */
    void release(String clientId, EngineConnection connection) {
        holders.remove(clientId, connection);
    }
}
