package org.cairnmq.it.topic;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.cairnmq.it.support.ForwardingListener;

/** A durable subscriber of ExampleTopic (by name), with four sessions sharing its subscription. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = TopicMdbIT.TOPIC),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
    @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "it-audit"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class DurableAuditListener extends ForwardingListener {
}
