package org.cairnmq.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * User names and passwords given to Cairn's pooled factory are checked against the server's
 * {@code ApplicationDomain}, where {@code add-user.sh -a} puts application users: good ones send, and their
 * messages carry the user as {@code JMSXUserID}; wrong ones are refused; no credentials still connect.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(ApplicationUserSetup.class)
class AuthenticationIT {
    @Inject
    SecuredSender sender;

    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory factory;

    private String queue;

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2)
    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "security-app.war")
                .addClasses(SecuredSender.class, Messages.class);
    }

    @BeforeEach
    void newQueue() {
        queue = "secured-" + UUID.randomUUID();
    }

    @Test
    @OperateOnDeployment("app")
    void goodCredentialsSendAsTheUser() throws Exception {
        sender.sendWithContext(ApplicationUserSetup.USER, ApplicationUserSetup.PASSWORD, queue, "by context");
        sender.sendWithConnection(ApplicationUserSetup.USER, ApplicationUserSetup.PASSWORD, queue, "by connection");
        for (String text : new String[] {"by context", "by connection"}) {
            Message message = Messages.receive(factory, queue);
            assertEquals(text, message.getBody(String.class));
            assertEquals(ApplicationUserSetup.USER, message.getStringProperty("JMSXUserID"));
        }
    }

    @Test
    @OperateOnDeployment("app")
    void wrongCredentialsAreRefused() throws Exception {
        EJBException context = assertThrows(EJBException.class,
                () -> sender.sendWithContext(ApplicationUserSetup.USER, "wrong", queue, "never"));
        assertInstanceOf(JMSSecurityRuntimeException.class, context.getCause());
        assertThrows(JMSSecurityException.class,
                () -> sender.sendWithConnection("nobody", ApplicationUserSetup.PASSWORD, queue, "never"));
        sender.sendWithContext(null, null, queue, "anonymous");
        Message message = Messages.receive(factory, queue);
        assertEquals("anonymous", message.getBody(String.class), "the refused sends sent nothing");
        assertNull(message.getStringProperty("JMSXUserID"));
    }
}
