package org.cairnmq.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.cairnmq.it.support.CairnDeployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark from rotting: every scenario, briefly, against Cairn and Artemis, with every message
 * delivered exactly once. Figures come from {@link BenchmarkIT}, not from here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(ArtemisBenchDestinations.class)
class BenchmarkSmokeIT {

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

    @Test
    void everyScenarioDeliversEachMessageOnce() throws Exception {
        for (BenchScenario scenario : BenchScenario.values()) {
            for (BenchTarget target : new BenchTarget[] {BenchTarget.CAIRN, BenchTarget.ARTEMIS_XA}) {
                BenchResult result = BenchDeployment.run(base, target, scenario, 1, 1, 256, 1, 200);
                String what = target.label() + " " + scenario + ": " + result;
                assertTrue(result.sent() > 0, what);
                assertEquals(0, result.lost(), what);
                assertEquals(0, result.duplicated(), what);
            }
        }
    }
}
