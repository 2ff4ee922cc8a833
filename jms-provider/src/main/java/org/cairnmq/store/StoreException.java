package org.cairnmq.store;

/** The database refused or failed an operation; whatever the operation wrote was rolled back. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
