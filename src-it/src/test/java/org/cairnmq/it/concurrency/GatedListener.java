package org.cairnmq.it.concurrency;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A bean with five sessions whose calls wait at the probe's gate. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = MaxSessionIT.QUEUE),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "" + MaxSessionIT.MAX_SESSION)
})
public class GatedListener implements MessageListener {
    @Inject
    ConcurrencyProbe probe;

    @Override
    public void onMessage(Message message) {
        try {
            probe.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            probe.exit();
        }
    }
}
