package org.cairnmq.it.security;

import java.io.File;
import java.util.concurrent.TimeUnit;
import org.cairnmq.it.support.ServerManagement;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Adds an application user with the server's own {@code add-user.sh}, as an operator would, to the
 * configuration of the running test server, and makes {@code ApplicationRealm} read its file again.
 */
public class ApplicationUserSetup implements ServerSetupTask {
    static final String USER = "cairn-it-user";
    static final String PASSWORD = "cairn-it-Secret1!";

    @Override
    public void setup(ManagementClient client, String container) throws Exception {
        ModelNode configDir = ServerManagement.execute(client.getControllerClient(),
                Operations.createReadAttributeOperation(Operations.createAddress("core-service", "server-environment"),
                        "config-dir"));
        String home = System.getProperty("cairn.it.jboss.home", "target/wildfly-39.0.1.Final");
        Process addUser = new ProcessBuilder(new File(home, "bin/add-user.sh").getAbsolutePath(), "-a", "-u", USER,
                "-p", PASSWORD, "-sc", configDir.asString(), "-s")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!addUser.waitFor(60, TimeUnit.SECONDS) || addUser.exitValue() != 0) {
            addUser.destroyForcibly();
            throw new IllegalStateException("add-user.sh failed for " + USER);
        }
        ServerManagement.execute(client.getControllerClient(), Operations.createOperation("load",
                Operations.createAddress("subsystem", "elytron", "properties-realm", "ApplicationRealm")));
    }

    @Override
    public void tearDown(ManagementClient client, String container) {
        // The suite's server base directory is thrown away at the next boot; the user harms no other test.
    }
}
