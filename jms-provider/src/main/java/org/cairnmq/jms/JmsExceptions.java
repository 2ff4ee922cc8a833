package org.cairnmq.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TransactionRolledBackException;
import org.cairnmq.engine.BrokerException;

/** The one place where engine errors become the exceptions the messaging API specifies. */
final class JmsExceptions {
    private JmsExceptions() {
    }

    static JMSException of(BrokerException e) {
        JMSException jms = switch (e.kind()) {
            case ILLEGAL_STATE -> new IllegalStateException(e.getMessage());
            case INVALID_DESTINATION -> new InvalidDestinationException(e.getMessage());
            case MESSAGE_FORMAT -> new MessageFormatException(e.getMessage());
            case TRANSACTION_ROLLED_BACK -> new TransactionRolledBackException(e.getMessage());
            case RESOURCE -> new JMSException(e.getMessage());
        };
        jms.setLinkedException(e);
        jms.initCause(e);
        return jms;
    }

    static JMSException unsupported(String feature) {
        return new JMSException(feature + " is not implemented yet in Cairn (see docs/conformance.md)");
    }

    static IllegalStateException closed(String what) {
        return new IllegalStateException(what + " is closed");
    }
}
