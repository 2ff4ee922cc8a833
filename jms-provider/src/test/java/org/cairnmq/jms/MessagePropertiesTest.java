package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

class MessagePropertiesTest {
    private final JmsMessage message = new JmsMessage();

    @Test
    void narrowerIntegersReadAsWiderOnes() throws JMSException {
        message.setByteProperty("b", (byte) 5);
        assertEquals(5, message.getShortProperty("b"));
        assertEquals(5, message.getIntProperty("b"));
        assertEquals(5L, message.getLongProperty("b"));
        assertThrows(MessageFormatException.class, () -> message.getFloatProperty("b"));
    }

    @Test
    void widerTypesDoNotNarrow() throws JMSException {
        message.setLongProperty("l", 5L);
        assertThrows(MessageFormatException.class, () -> message.getIntProperty("l"));
        message.setDoubleProperty("d", 1.5);
        assertThrows(MessageFormatException.class, () -> message.getFloatProperty("d"));
    }

    @Test
    void stringsParseToTheTypeAsked() throws JMSException {
        message.setStringProperty("s", "42");
        assertEquals(42, message.getIntProperty("s"));
        assertEquals(42.0, message.getDoubleProperty("s"));
        message.setStringProperty("t", "true");
        assertEquals(true, message.getBooleanProperty("t"));
        message.setStringProperty("x", "not a number");
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("x"));
    }

    @Test
    void everyTypeReadsAsString() throws JMSException {
        message.setFloatProperty("f", 2.5f);
        assertEquals("2.5", message.getStringProperty("f"));
    }

    @Test
    void missingPropertiesReadAsNullOrFalseOrFail() throws JMSException {
        assertNull(message.getStringProperty("none"));
        assertFalse(message.getBooleanProperty("none"));
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("none"));
        assertThrows(NullPointerException.class, () -> message.getDoubleProperty("none"));
    }

    @Test
    void invalidNamesAndTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> message.setStringProperty("1abc", "v"));
        assertThrows(IllegalArgumentException.class, () -> message.setStringProperty("", "v"));
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("o", new Object()));
    }

    @Test
    void receivedMessagePropertiesAreReadOnlyUntilCleared() throws JMSException {
        message.markReceived(1, null);
        assertThrows(jakarta.jms.MessageNotWriteableException.class, () -> message.setIntProperty("a", 1));
        message.clearProperties();
        message.setIntProperty("a", 1);
        assertEquals(1, message.getIntProperty("a"));
    }
}
