package org.cairnmq.it.bench;

import java.net.URL;
import org.cairnmq.it.support.CairnDeployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What every benchmark test deploys: Cairn's EAR, then the benchmark WAR whose servlets run the scenarios
 * in the server; {@link #base} is the WAR's URL. Subclasses carry their own Arquillian class annotations.
 */
abstract class BenchServerTest {

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "bench", order = 2, testable = false)
    static WebArchive bench() {
        return BenchDeployment.war();
    }

    @ArquillianResource
    @OperateOnDeployment("bench")
    URL base;
}
