package org.cairnmq.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cairnmq.it.admin.AdminClient;
import org.cairnmq.it.support.CairnDeployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Cairn EAR deploys into a stock WildFly and binds what applications look up. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CairnEarIT {

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Test
    void earIsDeployed(@ArquillianResource ManagementClient management) throws Exception {
        ModelNode op = Operations.createReadAttributeOperation(
                Operations.createAddress("deployment", CairnDeployments.CAIRN_EAR_NAME), "status");
        ModelNode result = management.getControllerClient().execute(op);
        assertTrue(Operations.isSuccessfulOutcome(result), result.toString());
        assertEquals("OK", Operations.readResult(result).asString());
    }

    @Test
    void adminModuleIsServed() {
        AdminClient.Reply page = AdminClient.admin().get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Cairn"), page.body());
    }
}
