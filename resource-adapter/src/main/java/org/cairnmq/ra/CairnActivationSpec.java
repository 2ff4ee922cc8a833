package org.cairnmq.ra;

import jakarta.jms.Session;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.beans.PropertyDescriptor;

/**
 * How a message-driven bean is fed: the standard Jakarta Messaging activation properties, and how many
 * sessions deliver to it concurrently ({@code maxSession}).
 */
public class CairnActivationSpec implements ActivationSpec {
    static final String QUEUE_TYPE = "jakarta.jms.Queue";

    private ResourceAdapter adapter;
    private String destinationLookup;
    private String destination;
    private String destinationType = QUEUE_TYPE;
    private String acknowledgeMode = "Auto-acknowledge";
    private String messageSelector;
    private Integer maxSession = 15;

    @Override
    public void validate() throws InvalidPropertyException {
        if (isBlank(destinationLookup) && isBlank(destination)) {
            throw invalid("destinationLookup", "set destinationLookup (a JNDI name) or destination (a queue name)");
        }
        if (!QUEUE_TYPE.equals(destinationType)) {
            throw invalid("destinationType", "only " + QUEUE_TYPE + " is supported yet, not " + destinationType);
        }
        if (!"Auto-acknowledge".equalsIgnoreCase(acknowledgeMode)
                && !"Dups-ok-acknowledge".equalsIgnoreCase(acknowledgeMode)) {
            throw invalid("acknowledgeMode", "must be Auto-acknowledge or Dups-ok-acknowledge, not " + acknowledgeMode);
        }
        if (!isBlank(messageSelector)) {
            throw invalid("messageSelector", "message selectors are not implemented yet in Cairn");
        }
        if (maxSession == null || maxSession < 1) {
            throw invalid("maxSession", "must be at least 1, not " + maxSession);
        }
    }

    int sessionAcknowledgeMode() {
        return "Dups-ok-acknowledge".equalsIgnoreCase(acknowledgeMode)
                ? Session.DUPS_OK_ACKNOWLEDGE : Session.AUTO_ACKNOWLEDGE;
    }

    private InvalidPropertyException invalid(String property, String reason) {
        InvalidPropertyException e = new InvalidPropertyException("Invalid activation property " + property + ": " + reason);
        try {
            e.setInvalidPropertyDescriptors(new PropertyDescriptor[] {
                new PropertyDescriptor(property, CairnActivationSpec.class)});
        } catch (java.beans.IntrospectionException ignored) {
            // The message already names the property.
        }
        return e;
    }

    private static boolean isBlank(String s) {
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

    public Integer getMaxSession() {
        return maxSession;
    }

    public void setMaxSession(Integer maxSession) {
        this.maxSession = maxSession;
    }
}
