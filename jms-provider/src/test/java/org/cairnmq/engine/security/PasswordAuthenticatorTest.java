package org.cairnmq.engine.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordAuthenticatorTest {
    private final PasswordAuthenticator authenticator = PasswordAuthenticator.of(
            Map.of("alice", "secret".toCharArray(), "empty", new char[0]), false);

    @Test
    void acceptsTheRightPassword() throws Exception {
        Identity identity = authenticator.authenticate("alice", "secret".toCharArray());
        assertEquals("alice", identity.getName());
        assertFalse(identity.isAnonymous());
        assertEquals("empty", authenticator.authenticate("empty", new char[0]).user());
    }

    @Test
    void refusesWrongPasswordsAndUnknownUsers() {
        assertThrows(AuthenticationFailedException.class,
                () -> authenticator.authenticate("alice", "Secret".toCharArray()));
        assertThrows(AuthenticationFailedException.class, () -> authenticator.authenticate("alice", new char[0]));
        assertThrows(AuthenticationFailedException.class,
                () -> authenticator.authenticate("bob", "secret".toCharArray()));
        assertThrows(AuthenticationFailedException.class, () -> authenticator.authenticate("empty", "x".toCharArray()));
    }

    @Test
    void anonymousOnlyWhenAllowed() throws Exception {
        assertThrows(AuthenticationFailedException.class, () -> authenticator.authenticate(null, new char[0]));
        PasswordAuthenticator open = PasswordAuthenticator.of(Map.of("alice", "secret".toCharArray()), true);
        assertTrue(open.allowsAnonymous());
        assertSame(Identity.ANONYMOUS, open.authenticate(null, new char[0]));
    }

    @Test
    void allowAllTakesNamesOnTrust() throws Exception {
        assertEquals("anyone", Authenticator.allowAll().authenticate("anyone", "x".toCharArray()).user());
        assertTrue(Authenticator.allowAll().authenticate(null, new char[0]).isAnonymous());
    }
}
