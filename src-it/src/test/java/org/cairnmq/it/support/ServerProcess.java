package org.cairnmq.it.support;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** The server's operating-system process, found through its management interface, for the crash tests. */
public final class ServerProcess {
    private ServerProcess() {
    }

    public static ProcessHandle of(ManagementClient management) throws Exception {
        ModelNode op = Operations.createReadAttributeOperation(
                Operations.createAddress("core-service", "platform-mbean", "type", "runtime"), "name");
        ModelNode result = management.getControllerClient().execute(op);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new AssertionError(result.toString());
        }
        long pid = Long.parseLong(Operations.readResult(result).asString().split("@")[0]);
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no server process " + pid));
    }
}
