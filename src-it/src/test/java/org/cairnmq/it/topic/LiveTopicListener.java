package org.cairnmq.it.topic;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.cairnmq.it.support.ForwardingListener;

/** A non-durable subscriber of ExampleTopic (looked up in JNDI), with four sessions sharing its subscription. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/cairn/topic/ExampleTopic"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = "java:/jms/cairn/ConnectionFactory"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class LiveTopicListener extends ForwardingListener {
}
