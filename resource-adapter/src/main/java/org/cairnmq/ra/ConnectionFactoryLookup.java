package org.cairnmq.ra;

import jakarta.resource.spi.InvalidPropertyException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The {@code connectionFactoryLookup} activation property. Cairn's activations always read from the broker
 * of the adapter they belong to, so a factory has nothing to configure for them; the property is accepted
 * when it names a Cairn connection factory (such as {@code java:/jms/cairn/ConnectionFactory}) and refused
 * otherwise, so that a bean written for another provider's factory does not silently read from Cairn.
 */
final class ConnectionFactoryLookup {
    private ConnectionFactoryLookup() {
    }

    static void check(CairnActivationSpec spec) throws InvalidPropertyException {
        String jndiName = spec.getConnectionFactoryLookup();
        if (CairnActivationSpec.isBlank(jndiName)) {
            return;
        }
        Object found;
        try {
            found = new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw CairnActivationSpec.invalid("connectionFactoryLookup", "cannot look up " + jndiName + ": " + e.getMessage());
        }
        if (!(found instanceof CairnConnectionFactory)) {
            throw CairnActivationSpec.invalid("connectionFactoryLookup", jndiName + " is not a Cairn connection factory but "
                    + found + "; a bean bound to Cairn's adapter reads from Cairn's broker");
        }
    }
}
