package org.cairnmq.engine.security;

/**
 * Decides who may open a connection to the broker. Consulted once per connection, before it opens
 * ({@code ConnectionFactory.createConnection}, {@code createContext}); nothing is checked afterwards.
 *
 * <p>Implementations are called from any application thread, concurrently, and may block briefly (hashing
 * a password). They must not keep the password array: the caller clears it when the call returns.
 *
 * <p>In Java SE, {@link org.cairnmq.embedded.EmbeddedBroker} configures a {@link PasswordAuthenticator}.
 * Inside WildFly the resource adapter authenticates against the server's security domain instead; it does
 * not use this interface's implementations here.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * Checks one set of credentials.
     *
     * @param user     the user name, or {@code null} when the application gave no credentials
     *                 ({@code createConnection()})
     * @param password the password, empty when the application gave {@code null}; never {@code null}
     * @return who the connection belongs to; {@link Identity#ANONYMOUS} for a connection without
     *         credentials
     * @throws AuthenticationFailedException when the credentials are refused
     */
    Identity authenticate(String user, char[] password) throws AuthenticationFailedException;

    /**
     * Accepts everyone and checks no password: the default of a broker with no users configured, and of
     * {@code new JmsConnectionFactory(broker)}. A given user name is taken on trust.
     */
    static Authenticator allowAll() {
        return (user, password) -> user == null ? Identity.ANONYMOUS : new Identity(user);
    }
}
