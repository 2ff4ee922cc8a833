package org.cairnmq.engine;

import java.util.UUID;

/**
 * A client's connection to the broker: its identity for {@code noLocal} and its client ID, which names
 * its durable subscriptions and is unique among open connections.
 */
public final class EngineConnection {
    private final Broker broker;
    private final String id = UUID.randomUUID().toString();
    private volatile String clientId;

    EngineConnection(Broker broker) {
        this.broker = broker;
    }

    /**
     * Sets the client ID, once.
     *
     * @throws BrokerException of kind {@code INVALID_CLIENT_ID} when another open connection uses it
     */
    public void setClientId(String newClientId) {
        if (newClientId == null || newClientId.isBlank()) {
            throw new BrokerException(BrokerException.Kind.INVALID_CLIENT_ID, "A client ID must not be empty");
        }
        broker.claimClientId(newClientId, this);
        clientId = newClientId;
    }

    public String clientId() {
        return clientId;
    }

    String id() {
        return id;
    }

    /** Opens a session; see {@link Broker#createSession}. */
    public EngineSession createSession(boolean transacted, boolean started) {
        return new EngineSession(broker, this, transacted, started);
    }

    /** A temporary queue or topic that lives as long as this connection. */
    public DestinationAddress createTemporary(DestinationAddress.Kind kind) {
        return broker.createTemporary(kind, this);
    }

    /** Deletes a temporary destination of this connection; refused while it has consumers. */
    public void deleteTemporary(DestinationAddress address) {
        broker.deleteTemporary(address, this);
    }

    /**
     * Tells the listener when the store stops answering: once per outage, on a delivery thread, until the
     * connection closes; {@code null} stops telling.
     */
    public void onStoreOutage(java.util.function.Consumer<BrokerException> listener) {
        if (listener == null) {
            broker.forgetOutageListener(this);
        } else {
            broker.listenForOutages(this, listener);
        }
    }

    /** Releases the client ID and deletes the connection's temporary destinations. Sessions are closed by their owners. */
    public void close() {
        broker.forgetOutageListener(this);
        broker.dropTemporaries(this);
        if (clientId != null) {
            broker.releaseClientId(clientId, this);
        }
    }
}
