package org.cairnmq.engine;

/** A message on its way to a destination, before the store has given it an id. */
record OutgoingMessage(DestinationAddress to, BrokerMessage message, String originConnectionId,
        String originClientId) {
}
