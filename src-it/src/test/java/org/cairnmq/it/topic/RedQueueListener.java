package org.cairnmq.it.topic;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.cairnmq.it.support.ForwardingListener;

/** A queue's bean that selects the red messages; the others stay in the queue. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = TopicMdbIT.SELECTED_QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "color = 'red'")
})
public class RedQueueListener extends ForwardingListener {
}
