package org.cairnmq.engine.security;

import java.security.Principal;

/**
 * Who opened a connection: a user whose credentials an {@link Authenticator} accepted, or
 * {@link #ANONYMOUS} when the connection was opened without credentials.
 *
 * @param user the user name, {@code null} for {@link #ANONYMOUS}
 */
public record Identity(String user) implements Principal {
    /** A connection opened without credentials (where the authenticator allows that). */
    public static final Identity ANONYMOUS = new Identity(null);

    /** Whether no user name was given. */
    public boolean isAnonymous() {
        return user == null;
    }

    /** The user name, or {@code "anonymous"}. */
    @Override
    public String getName() {
        return user == null ? "anonymous" : user;
    }
}
