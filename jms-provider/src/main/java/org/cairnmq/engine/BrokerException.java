package org.cairnmq.engine;

/**
 * The engine's one error type. The {@link Kind} tells the facade which exception of the messaging API
 * to raise.
 */
public final class BrokerException extends RuntimeException {

    /** What went wrong, in the terms the messaging API distinguishes. */
    public enum Kind {
        /** The operation does not fit the object's state (closed, wrong mode). */
        ILLEGAL_STATE,
        /** A destination name or address that the broker cannot use. */
        INVALID_DESTINATION,
        /** A client ID that is empty or already used by another connection. */
        INVALID_CLIENT_ID,
        /** A message the broker cannot accept or read. */
        MESSAGE_FORMAT,
        /** A transaction could not commit and was rolled back. */
        TRANSACTION_ROLLED_BACK,
        /** A limit was reached: memory for messages that cannot page, or a bounded wait for room ran out. */
        RESOURCE_ALLOCATION,
        /** The store or another resource failed. */
        RESOURCE
    }

    private final Kind kind;

    public BrokerException(Kind kind, String message) {
        this(kind, message, null);
    }

    public BrokerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
