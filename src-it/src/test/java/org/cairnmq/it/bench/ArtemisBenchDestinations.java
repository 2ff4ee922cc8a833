package org.cairnmq.it.bench;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** Adds to the server's Artemis the queues and topic the benchmark uses (Cairn creates its own on first use). */
public class ArtemisBenchDestinations implements ServerSetupTask {
    static final String JNDI_PARAMETERS = "&queueJndi=java:/jms/bench/q&requestsJndi=java:/jms/bench/requests"
            + "&topicJndi=java:/jms/bench/t";
    private static final String[][] DESTINATIONS = {
            {"jms-queue", "bench-q", "java:/jms/bench/q"},
            {"jms-queue", "bench-requests", "java:/jms/bench/requests"},
            {"jms-topic", "bench-t", "java:/jms/bench/t"}};

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        for (String[] d : DESTINATIONS) {
            ModelNode add = Operations.createAddOperation(address(d));
            add.get("entries").add(d[2]);
            execute(client, add);
        }
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        for (String[] d : DESTINATIONS) {
            execute(client, Operations.createRemoveOperation(address(d)));
        }
    }

    private static ModelNode address(String[] d) {
        return Operations.createAddress("subsystem", "messaging-activemq", "server", "default", d[0], d[1]);
    }

    private static void execute(ManagementClient client, ModelNode operation) throws Exception {
        ModelNode result = client.getControllerClient().execute(operation);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException(operation + " failed: " + Operations.getFailureDescription(result));
        }
    }
}
