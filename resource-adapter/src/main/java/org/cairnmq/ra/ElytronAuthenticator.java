package org.cairnmq.ra;

import org.cairnmq.engine.security.AuthenticationFailedException;
import org.cairnmq.engine.security.Authenticator;
import org.cairnmq.engine.security.Identity;
import org.jboss.as.server.CurrentServiceContainer;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.evidence.PasswordGuessEvidence;

/**
 * Checks user names and passwords against one of the server's Elytron security domains
 * ({@code ApplicationDomain} unless the adapter's {@code SecurityDomain} property says otherwise).
 *
 * <p>A deployed adapter has no injection of server capabilities, so the domain is taken from the service the
 * Elytron subsystem registers for it, {@code org.wildfly.security.security-domain.<name>}, in the server's
 * service container. That needs the modules {@code org.wildfly.security.elytron}, {@code org.jboss.msc}
 * and {@code org.jboss.as.server} (see the EAR's {@code jboss-deployment-structure.xml}). The domain is
 * looked up at each authentication, so a domain reconfigured or reloaded is used at once.
 */
final class ElytronAuthenticator implements Authenticator {
    private static final String CAPABILITY = "org.wildfly.security.security-domain";

    private final String domainName;
    private final boolean allowAnonymous;

    ElytronAuthenticator(String domainName, boolean allowAnonymous) {
        this.domainName = domainName;
        this.allowAnonymous = allowAnonymous;
    }

    @Override
    public Identity authenticate(String user, char[] password) throws AuthenticationFailedException {
        if (user == null) {
            if (allowAnonymous) {
                return Identity.ANONYMOUS;
            }
            throw new AuthenticationFailedException("Anonymous connections are not allowed (AllowAnonymous is false)");
        }
        try {
            SecurityIdentity identity = domain().authenticate(user, new PasswordGuessEvidence(password.clone()));
            return new Identity(identity.getPrincipal().getName());
        } catch (SecurityException e) {
            throw new AuthenticationFailedException("Authentication of " + user + " failed in security domain "
                    + domainName);
        } catch (RealmUnavailableException e) {
            throw new AuthenticationFailedException("Security domain " + domainName + " cannot check " + user
                    + " now: " + e.getMessage());
        }
    }

    private SecurityDomain domain() throws AuthenticationFailedException {
        ServiceController<?> service = CurrentServiceContainer.getServiceContainer()
                .getService(ServiceName.parse(CAPABILITY + "." + domainName));
        if (service == null || service.getState() != ServiceController.State.UP) {
            throw new AuthenticationFailedException("No Elytron security domain " + domainName + " in this server");
        }
        return (SecurityDomain) service.getValue();
    }
}
