package org.cairnmq.it.admin.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The application of the browser test: consumes {@code console.orders}, and fails on a "poison" order while
 * its downstream system is out ({@link #OUTAGE}), so that the order ends in the DLQ until an operator
 * retries it once the outage is over.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = OrderListener.QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
public class OrderListener implements MessageListener {
    public static final String QUEUE = "console.orders";
    static final AtomicBoolean OUTAGE = new AtomicBoolean(true);
    static final List<String> CONSUMED = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(Message message) {
        try {
            String text = ((TextMessage) message).getText();
            if (OUTAGE.get() && text.contains("poison")) {
                throw new IllegalStateException("Downstream system unavailable for " + text);
            }
            CONSUMED.add(text);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
