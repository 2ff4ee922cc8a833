package org.cairnmq.store;

import java.sql.SQLException;
import java.util.Set;

/** The database refused or failed an operation; whatever the operation wrote was rolled back. */
public final class StoreException extends RuntimeException {
    // SQLSTATE classes of a statement the database refused for its content, not for being unavailable:
    // data exception, integrity constraint violation, syntax or access rule, check option, and a transaction
    // rolled back for a serialization failure or deadlock (worth trying again, not an outage).
    private static final Set<String> REFUSED_FOR_CONTENT = Set.of("22", "23", "42", "44", "40");

    private final boolean claimsLost;

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private StoreException(String message, Throwable cause, boolean claimsLost) {
        super(message, cause);
        this.claimsLost = claimsLost;
    }

    /**
     * A write refused because messages it acknowledged or updated are no longer held by this broker
     * instance: its lease lapsed and another instance took them over (docs/cluster.md). Nothing was
     * written; the messages are delivered again by whichever instance holds them now.
     */
    public static StoreException claimsLost(String message) {
        return new StoreException(message, null, true);
    }

    /** Whether this is, or was caused by, a {@link #claimsLost} refusal. */
    public boolean isClaimsLost() {
        return causedByClaimsLost(this);
    }

    /** Whether {@code failure} is, or was caused by, a {@link #claimsLost} refusal. */
    public static boolean causedByClaimsLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreException store && store.claimsLost) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether the failure says the database is unavailable (unreachable, shutting down, out of resources,
     * a statement timed out) rather than refusing this operation for what it asked (a value too long, a
     * constraint violated). When the cause gives no SQLSTATE, the database is taken as unavailable.
     */
    public boolean isUnavailable() {
        if (isClaimsLost()) {
            return false;
        }
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
                return !REFUSED_FOR_CONTENT.contains(sql.getSQLState().substring(0, 2));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return true;
    }
}
