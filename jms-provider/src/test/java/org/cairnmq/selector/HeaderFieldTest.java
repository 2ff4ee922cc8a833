package org.cairnmq.selector;

import static org.cairnmq.selector.Truth.FALSE;
import static org.cairnmq.selector.Truth.TRUE;
import static org.cairnmq.selector.Truth.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The header fields a selector may name, JMSDeliveryMode's mapping, and the JMS names it may not. */
class HeaderFieldTest {

    private static final MapFields MESSAGE = MapFields.of(
            "JMSDeliveryMode", "PERSISTENT",
            "JMSPriority", 7,
            "JMSMessageID", "ID:cairn-1",
            "JMSTimestamp", 1_700_000_000_000L,
            "JMSCorrelationID", "order-42",
            "JMSType", "car",
            "JMSXGroupID", "g1",
            "JMSXDeliveryCount", 2,
            "JMS_Cairn_Route", "east",
            // Present in the map but not allowed in selectors: must read as NULL.
            "JMSExpiration", 5L,
            "JMSRedelivered", true,
            "JMSDestination", "queue://q",
            "JMSReplyTo", "queue://r",
            "JMSDeliveryTime", 9L);

    static Stream<Arguments> headers() {
        return Stream.of(
                arguments("JMSDeliveryMode = 'PERSISTENT'", TRUE),
                arguments("JMSDeliveryMode = 'NON_PERSISTENT'", FALSE),
                arguments("JMSDeliveryMode <> 'NON_PERSISTENT'", TRUE),
                arguments("JMSDeliveryMode IN ('PERSISTENT', 'NON_PERSISTENT')", TRUE),
                arguments("JMSPriority = 7", TRUE),
                arguments("JMSPriority > 4 AND JMSPriority <= 9", TRUE),
                arguments("JMSPriority BETWEEN 0 AND 4", FALSE),
                arguments("JMSPriority + 1 = 8.0", TRUE),
                arguments("JMSMessageID = 'ID:cairn-1'", TRUE),
                arguments("JMSMessageID LIKE 'ID:%'", TRUE),
                arguments("JMSMessageID IS NOT NULL", TRUE),
                arguments("JMSTimestamp > 1600000000000", TRUE),
                arguments("JMSTimestamp BETWEEN 1700000000000 AND 1700000000001", TRUE),
                arguments("JMSCorrelationID = 'order-42'", TRUE),
                arguments("JMSCorrelationID IN ('order-41', 'order-42')", TRUE),
                arguments("JMSType = 'car'", TRUE),
                arguments("JMSType NOT LIKE 'c%'", FALSE),
                // JMSX and JMS_ names are properties.
                arguments("JMSXGroupID = 'g1'", TRUE),
                arguments("JMSXDeliveryCount > 1", TRUE),
                arguments("JMS_Cairn_Route = 'east'", TRUE),
                // Other JMS names are NULL, whatever the message holds.
                arguments("JMSExpiration = 5", UNKNOWN),
                arguments("JMSExpiration IS NULL", TRUE),
                arguments("JMSRedelivered", UNKNOWN),
                arguments("JMSRedelivered = TRUE", UNKNOWN),
                arguments("JMSDestination IS NULL", TRUE),
                arguments("JMSReplyTo IS NOT NULL", FALSE),
                arguments("JMSDeliveryTime = 9", UNKNOWN),
                arguments("JMSdeliverymode = 'PERSISTENT'", UNKNOWN), // case-sensitive: not the header
                arguments("jmsType = 'car'", UNKNOWN)); // an application property, absent
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("headers")
    void headerField(String selector, Truth expected) {
        assertEquals(expected, Truth.evaluate(selector, MESSAGE));
    }

    @Test
    void disallowedJmsNamesAreNotAskedFor() {
        MapFields fields = MapFields.of("JMSExpiration", 5L);

        Truth.evaluate("JMSExpiration = 5 OR JMSRedelivered OR JMSX1 = 1 OR JMS_x = 1 OR x = 1", fields);

        assertEquals(Set.of("JMSX1", "JMS_x", "x"), fields.asked());
    }

    static Stream<Arguments> deliveryModes() {
        return Stream.of(
                arguments("PERSISTENT", "PERSISTENT"),
                arguments("NON_PERSISTENT", "NON_PERSISTENT"),
                arguments(2, "PERSISTENT"), // jakarta.jms.DeliveryMode.PERSISTENT
                arguments(1, "NON_PERSISTENT")); // jakarta.jms.DeliveryMode.NON_PERSISTENT
    }

    @ParameterizedTest(name = "{0} is seen as {1}")
    @MethodSource("deliveryModes")
    void deliveryModeIsComparedAsAString(Object value, String seenAs) {
        MapFields fields = MapFields.of("JMSDeliveryMode", value);

        assertEquals(TRUE, Truth.evaluate("JMSDeliveryMode = '" + seenAs + "'", fields));
        assertEquals(FALSE, Truth.evaluate("JMSDeliveryMode <> '" + seenAs + "'", fields));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4})
    void unknownDeliveryModeCodeIsNull(int code) {
        assertEquals(TRUE, Truth.evaluate("JMSDeliveryMode IS NULL", MapFields.of("JMSDeliveryMode", code)));
    }

    @Test
    void nullHeadersAreNull() {
        MapFields fields = MapFields.of("JMSMessageID", null, "JMSCorrelationID", null, "JMSType", null);

        assertEquals(TRUE, Truth.evaluate("JMSMessageID IS NULL AND JMSCorrelationID IS NULL AND JMSType IS NULL", fields));
        assertEquals(UNKNOWN, Truth.evaluate("JMSType = 'car'", fields));
        assertFalse(Selector.parse("JMSType <> 'car'").matches(fields));
    }
}
