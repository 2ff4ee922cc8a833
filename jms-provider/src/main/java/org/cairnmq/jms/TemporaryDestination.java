package org.cairnmq.jms;

import jakarta.jms.JMSException;
import org.cairnmq.engine.BrokerException;
import org.cairnmq.engine.DestinationAddress;
import org.cairnmq.engine.EngineConnection;

/** What temporary queues and topics share: their address and the connection that owns them. */
record TemporaryDestination(DestinationAddress address, EngineConnection owner) {

    void delete() throws JMSException {
        try {
            owner.deleteTemporary(address);
        } catch (BrokerException e) {
            throw JmsExceptions.of(e);
        }
    }
}
