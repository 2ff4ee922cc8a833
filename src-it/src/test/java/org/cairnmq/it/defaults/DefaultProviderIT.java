package org.cairnmq.it.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import java.util.UUID;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.support.Messages;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cairn as the server's default provider, set by configuration only ({@link CairnAsDefaultSetup}): an
 * application with a bare {@code @Resource ConnectionFactory}, a bare {@code @Inject JMSContext} and an MDB
 * without {@code @ResourceAdapter} works on Cairn.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(CairnAsDefaultSetup.class)
class DefaultProviderIT {
    static final String REQUESTS = "default-provider-requests";
    static final String REPLIES = "default-provider-replies";

    @Inject
    DefaultsOnly application;

    @Resource(lookup = CairnAsDefaultSetup.FACTORY)
    ConnectionFactory cairn;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2)
    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "defaults-app.war")
                .addClasses(DefaultsOnly.class, EchoListener.class, Messages.class);
    }

    @Test
    @OperateOnDeployment("app")
    void theDefaultFactoryIsCairns() {
        assertEquals("org.cairnmq.ra.CairnConnectionFactory", application.factoryClass());
    }

    @Test
    @OperateOnDeployment("app")
    void theDefaultFactoryAndContextReachTheMdbOnCairn() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        application.sendWithDefaultFactory(REQUESTS, first);
        application.sendWithInjectedContext(REQUESTS, second);
        java.util.Set<String> replies = new java.util.HashSet<>(
                Messages.receiveTexts(cairn, REPLIES, 2));
        assertEquals(java.util.Set.of("echo " + first, "echo " + second), replies);
    }
}
