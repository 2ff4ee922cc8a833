package org.cairnmq.it.outage;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * A bean as most applications write one: container-managed transaction (REQUIRED), so each delivery is
 * acknowledged by the commit of its JTA transaction.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = StoreOutageIT.QUEUE),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class OutageListener implements MessageListener {
    @Inject
    Deliveries deliveries;

    @Override
    public void onMessage(Message message) {
        try {
            deliveries.record(((TextMessage) message).getText(), message.getJMSRedelivered());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
