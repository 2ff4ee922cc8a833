package org.cairnmq.engine;

/** A message on its way into a queue, before the store has given it an id. */
record OutgoingMessage(QueueDestination queue, BrokerMessage message) {
}
