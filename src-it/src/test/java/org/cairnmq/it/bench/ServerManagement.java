package org.cairnmq.it.bench;

import java.io.IOException;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** Management operations the benchmark's phases use to reconfigure the server between phases. */
final class ServerManagement {
    private ServerManagement() {
    }

    /** Executes an operation and returns its result; fails with the server's description otherwise. */
    static ModelNode execute(ManagementClient client, ModelNode operation) throws IOException {
        ModelNode outcome = client.getControllerClient().execute(operation);
        if (!Operations.isSuccessfulOutcome(outcome)) {
            throw new IllegalStateException(operation + " failed: " + Operations.getFailureDescription(outcome));
        }
        return Operations.readResult(outcome);
    }

    static ModelNode artemisServer() {
        return Operations.createAddress("subsystem", "messaging-activemq", "server", "default");
    }

    static void writeAttribute(ManagementClient client, ModelNode address, String name, ModelNode value)
            throws IOException {
        execute(client, Operations.createWriteAttributeOperation(address, name, value));
    }

    static void undefineAttribute(ManagementClient client, ModelNode address, String name) throws IOException {
        execute(client, Operations.createUndefineAttributeOperation(address, name));
    }

    static ModelNode readAttribute(ManagementClient client, ModelNode address, String name) throws IOException {
        return execute(client, Operations.createReadAttributeOperation(address, name));
    }
}
