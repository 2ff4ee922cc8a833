package org.cairnmq.ra;

import jakarta.jms.Session;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.beans.IntrospectionException;
import java.beans.PropertyDescriptor;
import java.util.Locale;
import org.cairnmq.selector.Selector;
import org.cairnmq.selector.SelectorSyntaxException;

/**
 * How a message-driven bean is fed: the standard Jakarta Messaging activation properties
 * ({@code destinationLookup}, {@code destination}, {@code destinationType}, {@code messageSelector},
 * {@code acknowledgeMode}, {@code subscriptionDurability}, {@code subscriptionName}, {@code clientId},
 * {@code connectionFactoryLookup}) and Cairn's {@code maxSession}, how many sessions deliver to the bean
 * concurrently. On a topic the bean's sessions always share one subscription, so each message is
 * processed once per bean, whatever {@code maxSession}.
 *
 * <p>{@link #validate()} checks what can be checked without JNDI; the lookups are checked when the
 * endpoint is activated. Either way a wrong property fails the deployment with a message naming it.
 */
public class CairnActivationSpec implements ActivationSpec {
    static final String QUEUE_TYPE = "jakarta.jms.Queue";
    static final String TOPIC_TYPE = "jakarta.jms.Topic";
    static final String DURABLE = "Durable";
    static final String NON_DURABLE = "NonDurable";
    static final String AUTO_ACKNOWLEDGE = "Auto-acknowledge";
    static final String DUPS_OK_ACKNOWLEDGE = "Dups-ok-acknowledge";

    private ResourceAdapter adapter;
    private String destinationLookup;
    private String destination;
    private String destinationType;
    private String acknowledgeMode = AUTO_ACKNOWLEDGE;
    private String messageSelector;
    private String subscriptionDurability = NON_DURABLE;
    private String subscriptionName;
    private String clientId;
    private String connectionFactoryLookup;
    private Integer maxSession = 15;

    @Override
    public void validate() throws InvalidPropertyException {
        if (isBlank(destinationLookup) && isBlank(destination)) {
            throw invalid("destinationLookup", "set destinationLookup (a JNDI name) or destination (a queue or topic name)");
        }
        if (destinationType != null && !QUEUE_TYPE.equals(destinationType) && !TOPIC_TYPE.equals(destinationType)) {
            throw invalid("destinationType", "must be " + QUEUE_TYPE + " or " + TOPIC_TYPE + ", not " + destinationType);
        }
        sessionAcknowledgeMode();
        validateSubscription();
        try {
            Selector.parse(messageSelector);
        } catch (SelectorSyntaxException e) {
            throw invalid("messageSelector", "not a valid selector: " + e.getMessage());
        }
        if (maxSession == null || maxSession < 1) {
            throw invalid("maxSession", "must be at least 1, not " + maxSession);
        }
    }

    private void validateSubscription() throws InvalidPropertyException {
        if (!DURABLE.equalsIgnoreCase(subscriptionDurability) && !NON_DURABLE.equalsIgnoreCase(subscriptionDurability)) {
            throw invalid("subscriptionDurability", "must be " + DURABLE + " or " + NON_DURABLE + ", not "
                    + subscriptionDurability);
        }
        if (isDurable() && QUEUE_TYPE.equals(destinationType)) {
            throw invalid("subscriptionDurability", "a queue has no subscriptions; Durable is for topics");
        }
        if (isDurable() && isBlank(subscriptionName)) {
            throw invalid("subscriptionName", "a durable subscription needs a name");
        }
    }

    /** The session mode the bean's sessions use; the property's error if it names none. */
    int sessionAcknowledgeMode() throws InvalidPropertyException {
        String mode = acknowledgeMode == null ? "" : acknowledgeMode.replace('_', '-').toLowerCase(Locale.ROOT);
        if (mode.equals(AUTO_ACKNOWLEDGE.toLowerCase(Locale.ROOT))) {
            return Session.AUTO_ACKNOWLEDGE;
        }
        if (mode.equals(DUPS_OK_ACKNOWLEDGE.toLowerCase(Locale.ROOT))) {
            return Session.DUPS_OK_ACKNOWLEDGE;
        }
        throw invalid("acknowledgeMode", "must be " + AUTO_ACKNOWLEDGE + " or " + DUPS_OK_ACKNOWLEDGE + ", not "
                + acknowledgeMode);
    }

    boolean isDurable() {
        return DURABLE.equalsIgnoreCase(subscriptionDurability);
    }

    /** An activation property that is wrong, named in the message and in the exception's descriptors. */
    static InvalidPropertyException invalid(String property, String reason) {
        InvalidPropertyException e = new InvalidPropertyException("Invalid activation property " + property + ": " + reason);
        try {
            e.setInvalidPropertyDescriptors(new PropertyDescriptor[] {
                new PropertyDescriptor(property, CairnActivationSpec.class)});
        } catch (IntrospectionException ignored) {
            // The message already names the property.
        }
        return e;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        adapter = ra;
    }

    public String getDestinationLookup() {
        return destinationLookup;
    }

    public void setDestinationLookup(String destinationLookup) {
        this.destinationLookup = destinationLookup;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    /** {@code null} until set: the looked-up destination's type, or a queue if it is given by name. */
    public String getDestinationType() {
        return destinationType;
    }

    public void setDestinationType(String destinationType) {
        this.destinationType = destinationType;
    }

    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    public void setAcknowledgeMode(String acknowledgeMode) {
        this.acknowledgeMode = acknowledgeMode;
    }

    public String getMessageSelector() {
        return messageSelector;
    }

    public void setMessageSelector(String messageSelector) {
        this.messageSelector = messageSelector;
    }

    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    public void setSubscriptionDurability(String subscriptionDurability) {
        this.subscriptionDurability = subscriptionDurability;
    }

    public String getSubscriptionName() {
        return subscriptionName;
    }

    public void setSubscriptionName(String subscriptionName) {
        this.subscriptionName = subscriptionName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getConnectionFactoryLookup() {
        return connectionFactoryLookup;
    }

    public void setConnectionFactoryLookup(String connectionFactoryLookup) {
        this.connectionFactoryLookup = connectionFactoryLookup;
    }

    public Integer getMaxSession() {
        return maxSession;
    }

    public void setMaxSession(Integer maxSession) {
        this.maxSession = maxSession;
    }
}
