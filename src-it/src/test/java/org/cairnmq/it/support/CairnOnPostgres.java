package org.cairnmq.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Moves the suite server's Cairn onto a PostgreSQL database (driver, data source, the adapter's store
 * property, system properties for the broker, a reload) and back again afterwards.
 */
public final class CairnOnPostgres {
    private static final int POOL = 20;

    private CairnOnPostgres() {
    }

    /**
     * @param properties more system properties the broker reads at its start (node name, lease…), removed
     *                   again by {@link #moveBack}
     */
    public static void moveTo(ManagementClient management, String dataSource, String url,
            Map<String, String> properties) throws Exception {
        ModelControllerClient client = management.getControllerClient();
        PostgresStore.deployDriver(client);
        PostgresStore.addDataSource(client, dataSource, url, POOL);
        PostgresStore.pointCairnAt(client, dataSource);
        for (Map.Entry<String, String> property : properties.entrySet()) {
            ModelNode add = Operations.createAddOperation(systemProperty(property.getKey()));
            add.get("value").set(property.getValue());
            ServerManagement.execute(client, add);
        }
        long logLength = PostgresStore.serverLogLength();
        ServerManagement.reload(management);
        PostgresStore.awaitCairnStarted(dataSource, logLength);
    }

    /** Undoes {@link #moveTo}, every step tried even if one fails; the first failure is thrown. */
    public static void moveBack(ManagementClient management, String dataSource, Iterable<String> properties)
            throws Exception {
        List<Step> steps = new ArrayList<>();
        steps.add(() -> PostgresStore.pointCairnBack(management.getControllerClient()));
        for (String property : properties) {
            steps.add(() -> ServerManagement.execute(management.getControllerClient(),
                    Operations.createRemoveOperation(systemProperty(property))));
        }
        steps.add(() -> PostgresStore.removeDataSource(management.getControllerClient(), dataSource));
        steps.add(() -> ServerManagement.reload(management));
        steps.add(() -> PostgresStore.undeployDriver(management.getControllerClient()));
        List<Exception> errors = new ArrayList<>();
        for (Step step : steps) {
            try {
                step.run();
            } catch (Exception e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Could not put the server back", errors.get(0));
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static ModelNode systemProperty(String name) {
        return Operations.createAddress("system-property", name);
    }

    private interface Step {
        void run() throws Exception;
    }
}
