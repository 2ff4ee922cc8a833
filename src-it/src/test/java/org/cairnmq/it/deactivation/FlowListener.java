package org.cairnmq.it.deactivation;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.cairnmq.it.support.ForwardingListener;

/** Forwards each message of the flow to its results queue, four at a time, each in a transaction. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = DeactivationIT.QUEUE),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class FlowListener extends ForwardingListener {
}
