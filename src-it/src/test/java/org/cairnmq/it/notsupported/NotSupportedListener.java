package org.cairnmq.it.notsupported;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * A bean that receives outside any transaction, auto-acknowledging; a message whose text starts with
 * {@code fail-once} makes it throw on its first delivery.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = NotSupportedMdbIT.QUEUE),
    @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotSupportedListener implements MessageListener {
    @Inject
    DeliveryAttempts attempts;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Override
    public void onMessage(Message message) {
        try {
            String text = ((TextMessage) message).getText();
            attempts.record(new DeliveryAttempts.Attempt(text, message.getJMSRedelivered(),
                    message.getIntProperty("JMSXDeliveryCount"),
                    transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION, System.nanoTime()));
            if (text.startsWith("fail-once") && !message.getJMSRedelivered()) {
                throw new IllegalStateException("the bean fails on the first delivery of " + text);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
