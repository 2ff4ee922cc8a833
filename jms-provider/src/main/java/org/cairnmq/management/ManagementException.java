package org.cairnmq.management;

/** A management request that could not be carried out; nothing was changed. */
public final class ManagementException extends RuntimeException {
    /** Whose fault it is, so that a REST layer can answer 404, 400, 409 or 500. */
    public enum Kind { NOT_FOUND, INVALID, CONFLICT, FAILED }

    private final Kind kind;

    public ManagementException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ManagementException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
