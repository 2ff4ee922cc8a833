package org.cairnmq.ra;

import jakarta.resource.spi.ConnectionRequestInfo;
import org.cairnmq.engine.security.Identity;

/**
 * What an application asks of the pool: a session for this authenticated identity. The server keeps the
 * sessions of different identities apart by it, so a session sends as the user it was opened for
 * ({@code JMSXUserID}).
 */
record SessionRequest(Identity identity) implements ConnectionRequestInfo {
    static final SessionRequest ANONYMOUS = new SessionRequest(Identity.ANONYMOUS);

    /** The identity asked for; anonymous when the server gives no request (XA recovery, a pool filling itself). */
    static Identity identityOf(ConnectionRequestInfo info) {
        return info instanceof SessionRequest request ? request.identity() : Identity.ANONYMOUS;
    }
}
