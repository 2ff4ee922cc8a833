package org.cairnmq.it.defaults;

import org.cairnmq.it.support.ServerManagement;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Makes Cairn the server's default Jakarta Messaging provider, as docs/applications.md tells operators to:
 * {@code java:comp/DefaultJMSConnectionFactory} bound to Cairn's factory (the ee subsystem's default bindings)
 * and Cairn's adapter the default for MDBs (the ejb3 subsystem). Puts the previous values back afterwards.
 */
public class CairnAsDefaultSetup implements ServerSetupTask {
    static final String ADAPTER = "cairn.ear#cairn-ra.rar";
    static final String FACTORY = "java:/jms/cairn/ConnectionFactory";

    private static final ModelNode BINDINGS = Operations.createAddress("subsystem", "ee", "service", "default-bindings");
    private static final ModelNode EJB3 = Operations.createAddress("subsystem", "ejb3");

    private ModelNode previousFactory;
    private ModelNode previousAdapter;

    @Override
    public void setup(ManagementClient managementClient, String container) throws Exception {
        ModelControllerClient client = managementClient.getControllerClient();
        previousFactory = read(client, BINDINGS, "jms-connection-factory");
        previousAdapter = read(client, EJB3, "default-resource-adapter-name");
        write(client, BINDINGS, "jms-connection-factory", new ModelNode(FACTORY));
        write(client, EJB3, "default-resource-adapter-name", new ModelNode(ADAPTER));
        ServerManagement.reloadIfRequired(client);
    }

    @Override
    public void tearDown(ManagementClient managementClient, String container) throws Exception {
        ModelControllerClient client = managementClient.getControllerClient();
        write(client, BINDINGS, "jms-connection-factory", previousFactory);
        write(client, EJB3, "default-resource-adapter-name", previousAdapter);
        ServerManagement.reloadIfRequired(client);
    }

    private static ModelNode read(ModelControllerClient client, ModelNode address, String name) throws Exception {
        return ServerManagement.execute(client, Operations.createReadAttributeOperation(address, name));
    }

    private static void write(ModelControllerClient client, ModelNode address, String name, ModelNode value)
            throws Exception {
        ServerManagement.execute(client, Operations.createWriteAttributeOperation(address, name, value));
    }
}
