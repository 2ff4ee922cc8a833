package org.cairnmq.ra;

import jakarta.resource.ResourceException;
import org.cairnmq.engine.security.Authenticator;

/** Managed connection factories for tests without a server: associated with an adapter that was never started. */
final class TestPools {
    private TestPools() {
    }

    static CairnManagedConnectionFactory managedFactory(Authenticator authenticator) throws ResourceException {
        CairnResourceAdapter adapter = new CairnResourceAdapter();
        adapter.useAuthenticator(authenticator);
        CairnManagedConnectionFactory factory = new CairnManagedConnectionFactory();
        factory.setResourceAdapter(adapter);
        return factory;
    }
}
