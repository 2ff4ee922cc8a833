package org.cairnmq.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import org.cairnmq.engine.BrokerException;

/**
 * The one place where engine errors become the exceptions the messaging API specifies, and where the
 * classic API's checked exceptions become their {@code JMSRuntimeException} twins for the simplified API.
 */
final class JmsExceptions {
    private JmsExceptions() {
    }

    static JMSException of(BrokerException e) {
        JMSException jms = switch (e.kind()) {
            case ILLEGAL_STATE -> new IllegalStateException(e.getMessage());
            case INVALID_DESTINATION -> new InvalidDestinationException(e.getMessage());
            case INVALID_CLIENT_ID -> new jakarta.jms.InvalidClientIDException(e.getMessage());
            case MESSAGE_FORMAT -> new MessageFormatException(e.getMessage());
            case TRANSACTION_ROLLED_BACK -> new TransactionRolledBackException(e.getMessage());
            case RESOURCE_ALLOCATION -> new ResourceAllocationException(e.getMessage());
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

    /**
     * The unchecked twin of a checked exception, with the same message and error code and the original as
     * its cause; a plain {@code JMSRuntimeException} when the exception has no twin (for instance
     * {@code MessageNotReadableException} or {@code MessageEOFException}).
     */
    static JMSRuntimeException runtime(JMSException e) {
        String message = e.getMessage();
        String code = e.getErrorCode();
        if (e instanceof IllegalStateException) {
            return new IllegalStateRuntimeException(message, code, e);
        }
        if (e instanceof InvalidClientIDException) {
            return new InvalidClientIDRuntimeException(message, code, e);
        }
        if (e instanceof InvalidDestinationException) {
            return new InvalidDestinationRuntimeException(message, code, e);
        }
        if (e instanceof InvalidSelectorException) {
            return new InvalidSelectorRuntimeException(message, code, e);
        }
        if (e instanceof JMSSecurityException) {
            return new JMSSecurityRuntimeException(message, code, e);
        }
        if (e instanceof MessageFormatException) {
            return new MessageFormatRuntimeException(message, code, e);
        }
        if (e instanceof MessageNotWriteableException) {
            return new MessageNotWriteableRuntimeException(message, code, e);
        }
        if (e instanceof ResourceAllocationException) {
            return new ResourceAllocationRuntimeException(message, code, e);
        }
        if (e instanceof TransactionInProgressException) {
            return new TransactionInProgressRuntimeException(message, code, e);
        }
        if (e instanceof TransactionRolledBackException) {
            return new TransactionRolledBackRuntimeException(message, code, e);
        }
        return new JMSRuntimeException(message, code, e);
    }

    /** A classic-API call that returns a value. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws JMSException;
    }

    /** A classic-API call that returns nothing. */
    @FunctionalInterface
    interface Action {
        void run() throws JMSException;
    }

    /** Runs a classic-API call for the simplified API, turning its checked exception into the twin. */
    static <T> T unchecked(Call<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw runtime(e);
        }
    }

    /** Runs a classic-API call for the simplified API, turning its checked exception into the twin. */
    static void uncheckedRun(Action action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw runtime(e);
        }
    }
}
