package org.cairnmq.it.bench;

import java.io.IOException;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** Management operations the benchmark's phases use to reconfigure the server between phases. */
final class ServerManagement {
    private static final long RELOAD_TIMEOUT_MILLIS = 300_000;

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

    /**
     * Reloads the server (every service restarts with the configuration written so far, deployments
     * included) and waits until it runs again. Polls with a fresh client each time, as the connection
     * of the old one closes during the reload.
     */
    static void reload(ManagementClient client) throws IOException, InterruptedException {
        try {
            execute(client, Operations.createOperation("reload"));
        } catch (IOException closedWhileReloading) {
            // The server may drop the connection before it answers; the state below tells.
        }
        long deadline = System.currentTimeMillis() + RELOAD_TIMEOUT_MILLIS;
        ModelNode state = Operations.createReadAttributeOperation(new ModelNode().setEmptyList(), "server-state");
        while (System.currentTimeMillis() < deadline) {
            // The state does not change at once when the reload begins: look only after a moment.
            Thread.sleep(1000);
            try (ModelControllerClient fresh = ModelControllerClient.Factory.create(client.getMgmtProtocol(),
                    client.getMgmtAddress(), client.getMgmtPort())) {
                ModelNode outcome = fresh.execute(state);
                if (Operations.isSuccessfulOutcome(outcome)
                        && "running".equals(Operations.readResult(outcome).asString())) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Still reloading.
            }
        }
        throw new IllegalStateException("The server did not run again within " + RELOAD_TIMEOUT_MILLIS / 1000
                + " s of a reload");
    }
}
