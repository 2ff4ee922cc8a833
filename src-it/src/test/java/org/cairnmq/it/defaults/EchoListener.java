package org.cairnmq.it.defaults;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** An MDB that names no resource adapter: the server's default one feeds it. It answers each message. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = DefaultProviderIT.REQUESTS),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class EchoListener implements MessageListener {
    @Inject
    JMSContext context;

    @Override
    public void onMessage(Message message) {
        try {
            context.createProducer().send(context.createQueue(DefaultProviderIT.REPLIES),
                    "echo " + message.getBody(String.class));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
