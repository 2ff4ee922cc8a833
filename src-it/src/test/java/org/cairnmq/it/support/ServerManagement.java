package org.cairnmq.it.support;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** Management operations the ITs' server setup tasks need. Client side only. */
public final class ServerManagement {
    private static final long RELOAD_MILLIS = TimeUnit.SECONDS.toMillis(120);
    private static final long RELOAD_TIMEOUT_MILLIS = 300_000;

    private ServerManagement() {
    }

    /** Runs an operation and returns its result; a failed operation fails the test set-up. */
    public static ModelNode execute(ModelControllerClient client, ModelNode operation) throws IOException {
        ModelNode outcome = client.execute(operation);
        if (!Operations.isSuccessfulOutcome(outcome)) {
            throw new IllegalStateException(operation + " failed: " + Operations.getFailureDescription(outcome));
        }
        return Operations.readResult(outcome);
    }

    /** Reloads the server if a configuration change asks for it, and waits until it runs again. */
    public static void reloadIfRequired(ModelControllerClient client) throws IOException, InterruptedException {
        ModelNode state = execute(client, Operations.createReadAttributeOperation(new ModelNode().setEmptyList(),
                "server-state"));
        if ("running".equals(state.asString())) {
            return;
        }
        execute(client, Operations.createOperation("reload"));
        long deadline = System.currentTimeMillis() + RELOAD_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try {
                ModelNode outcome = client.execute(Operations.createReadAttributeOperation(
                        new ModelNode().setEmptyList(), "server-state"));
                if (Operations.isSuccessfulOutcome(outcome) && "running".equals(Operations.readResult(outcome).asString())) {
                    return;
                }
            } catch (IOException e) {
                // The management interface is down while the server reloads.
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("The server did not come back from reload in " + RELOAD_MILLIS + " ms");
    }

    /**
     * Reloads the server (every service restarts with the configuration written so far, deployments
     * included) and waits until it runs again. Polls with a fresh client each time, as the connection
     * of the old one closes during the reload.
     */
    public static void reload(ManagementClient client) throws IOException, InterruptedException {
        try {
            execute(client.getControllerClient(), Operations.createOperation("reload"));
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
