package org.cairnmq.engine.security;

/**
 * Credentials that an {@link Authenticator} refuses: an unknown user, a wrong password, or none where
 * anonymous connections are not allowed. The message never says which of user and password was wrong.
 * The facade turns it into {@code JMSSecurityException} (or {@code JMSSecurityRuntimeException}).
 */
public final class AuthenticationFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
