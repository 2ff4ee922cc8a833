package org.cairnmq.it.queue;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * An MDB in an application deployment, bound to Cairn's adapter by WEB-INF/jboss-ejb3.xml (the one line of
 * configuration an application needs).
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/cairn/queue/ExampleQueue"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class ExampleQueueListener implements MessageListener {
    @Inject
    ReceivedMessages received;

    @Override
    public void onMessage(Message message) {
        try {
            received.record(((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
