package org.cairnmq.it.topic;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.cairnmq.it.support.ForwardingListener;

/** A non-durable subscriber of ExampleTopic that selects the messages with an amount over 104. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/cairn/topic/ExampleTopic"),
    @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "amount > 104"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class BigOrderListener extends ForwardingListener {
}
