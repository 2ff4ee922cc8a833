package org.cairnmq.ra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Session;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What {@code validate()} lets through, and that each refusal names the wrong property. */
class CairnActivationSpecTest {

    @Test
    void aQueueByNameWithTheDefaultsIsValid() throws Exception {
        CairnActivationSpec spec = spec(s -> { });
        assertDoesNotThrow(spec::validate);
        assertEquals(Session.AUTO_ACKNOWLEDGE, spec.sessionAcknowledgeMode());
        assertEquals(15, spec.getMaxSession());
    }

    @Test
    void aDurableTopicWithASelectorAndAClientIdIsValid() throws Exception {
        CairnActivationSpec spec = spec(s -> {
            s.setDestinationType("jakarta.jms.Topic");
            s.setSubscriptionDurability("Durable");
            s.setSubscriptionName("audit");
            s.setClientId("audit-app");
            s.setMessageSelector("region = 'EU' AND amount > 100");
            s.setAcknowledgeMode("Dups-ok-acknowledge");
        });
        assertDoesNotThrow(spec::validate);
        assertEquals(Session.DUPS_OK_ACKNOWLEDGE, spec.sessionAcknowledgeMode());
    }

    @Test
    void noDestination() {
        assertInvalid("destinationLookup", s -> s.setDestination(null));
    }

    @Test
    void unknownDestinationType() {
        assertInvalid("destinationType", s -> s.setDestinationType("jakarta.jms.Destination"));
    }

    @Test
    void clientAcknowledgeIsNotForBeans() {
        assertInvalid("acknowledgeMode", s -> s.setAcknowledgeMode("Client-acknowledge"));
    }

    @Test
    void malformedSelector() {
        assertInvalid("messageSelector", s -> s.setMessageSelector("color = "));
    }

    @Test
    void aDurableTopicNeedsASubscriptionName() {
        assertInvalid("subscriptionName", s -> {
            s.setDestinationType("jakarta.jms.Topic");
            s.setSubscriptionDurability("Durable");
        });
    }

    @Test
    void aQueueCannotBeDurable() {
        assertInvalid("subscriptionDurability", s -> {
            s.setDestinationType("jakarta.jms.Queue");
            s.setSubscriptionDurability("Durable");
            s.setSubscriptionName("orders");
        });
    }

    @Test
    void unknownDurability() {
        assertInvalid("subscriptionDurability", s -> s.setSubscriptionDurability("Sometimes"));
    }

    @Test
    void atLeastOneSession() {
        assertInvalid("maxSession", s -> s.setMaxSession(0));
    }

    private static CairnActivationSpec spec(Consumer<CairnActivationSpec> settings) {
        CairnActivationSpec spec = new CairnActivationSpec();
        spec.setDestination("orders");
        settings.accept(spec);
        return spec;
    }

    private static void assertInvalid(String property, Consumer<CairnActivationSpec> settings) {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, () -> spec(settings).validate());
        assertTrue(e.getMessage().contains(property), e.getMessage());
        assertEquals(property, e.getInvalidPropertyDescriptors()[0].getName());
    }
}
