package org.cairnmq.engine.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Checks user names and passwords against a fixed set of users given at start-up, and decides whether
 * connections without credentials are allowed. Immutable and thread-safe.
 *
 * <p>Passwords are kept only as salted PBKDF2 (HMAC-SHA-256) hashes and compared in constant time. An
 * unknown user costs the same hashing as a known one, so the time taken does not tell which users exist.
 */
public final class PasswordAuthenticator implements Authenticator {
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /**
     * Every connection pays this hashing (a few milliseconds). The hashes only guard passwords that the
     * application itself configured against a heap dump; they are never stored or sent anywhere.
     */
    private static final int ITERATIONS = 20_000;
    private static final int HASH_BITS = 256;
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Hash> users;
    private final boolean allowAnonymous;
    /** Hashed against for unknown users, so they take as long as known ones. */
    private final Hash decoy;

    private PasswordAuthenticator(Map<String, Hash> users, boolean allowAnonymous) {
        this.users = users;
        this.allowAnonymous = allowAnonymous;
        this.decoy = Hash.of(new char[0]);
    }

    /**
     * An authenticator over the given users.
     *
     * @param users          user name → password; the arrays are not kept (the caller may clear them)
     * @param allowAnonymous whether {@code createConnection()} without credentials is allowed
     */
    public static PasswordAuthenticator of(Map<String, char[]> users, boolean allowAnonymous) {
        Map<String, Hash> hashes = new HashMap<>();
        users.forEach((user, password) -> hashes.put(Objects.requireNonNull(user, "user"),
                Hash.of(Objects.requireNonNull(password, "password"))));
        return new PasswordAuthenticator(Map.copyOf(hashes), allowAnonymous);
    }

    @Override
    public Identity authenticate(String user, char[] password) throws AuthenticationFailedException {
        if (user == null) {
            if (allowAnonymous) {
                return Identity.ANONYMOUS;
            }
            throw new AuthenticationFailedException("This broker does not accept connections without a user name "
                    + "and password");
        }
        Hash stored = users.get(user);
        boolean matches = (stored == null ? decoy : stored).matches(password);
        if (stored == null || !matches) {
            throw new AuthenticationFailedException("Wrong user name or password for user '" + user + "'");
        }
        return new Identity(user);
    }

    /** Whether connections without credentials are allowed. */
    public boolean allowsAnonymous() {
        return allowAnonymous;
    }

    /** A salted hash of one password. */
    private static final class Hash {
        private final byte[] salt;
        private final byte[] hash;

        private Hash(byte[] salt, byte[] hash) {
            this.salt = salt;
            this.hash = hash;
        }

        static Hash of(char[] password) {
            byte[] salt = new byte[SALT_BYTES];
            RANDOM.nextBytes(salt);
            return new Hash(salt, pbkdf2(password, salt));
        }

        boolean matches(char[] password) {
            return MessageDigest.isEqual(hash, pbkdf2(password, salt));
        }

        private static byte[] pbkdf2(char[] password, byte[] salt) {
            PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, HASH_BITS);
            try {
                return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                throw new IllegalStateException(ALGORITHM + " is part of every Java SE runtime", e);
            } finally {
                spec.clearPassword();
            }
        }
    }
}
