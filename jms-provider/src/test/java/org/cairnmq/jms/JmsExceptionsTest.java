package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmsExceptionsTest {
    @Test
    void everyCheckedExceptionBecomesItsTwin() {
        Map<JMSException, Class<? extends JMSRuntimeException>> twins = Map.of(
                new IllegalStateException("m", "c"), IllegalStateRuntimeException.class,
                new InvalidClientIDException("m", "c"), InvalidClientIDRuntimeException.class,
                new InvalidDestinationException("m", "c"), InvalidDestinationRuntimeException.class,
                new InvalidSelectorException("m", "c"), InvalidSelectorRuntimeException.class,
                new JMSSecurityException("m", "c"), JMSSecurityRuntimeException.class,
                new MessageFormatException("m", "c"), MessageFormatRuntimeException.class,
                new MessageNotWriteableException("m", "c"), MessageNotWriteableRuntimeException.class,
                new ResourceAllocationException("m", "c"), ResourceAllocationRuntimeException.class,
                new TransactionInProgressException("m", "c"), TransactionInProgressRuntimeException.class,
                new TransactionRolledBackException("m", "c"), TransactionRolledBackRuntimeException.class);

        twins.forEach((checked, twin) -> {
            JMSRuntimeException unchecked = JmsExceptions.runtime(checked);
            assertEquals(twin, unchecked.getClass());
            assertEquals("m", unchecked.getMessage());
            assertEquals("c", unchecked.getErrorCode());
            assertSame(checked, unchecked.getCause());
        });
    }

    @Test
    void exceptionsWithoutATwinBecomePlainRuntimeExceptions() {
        for (JMSException checked : new JMSException[] {new JMSException("m"), new MessageNotReadableException("m"),
                new MessageEOFException("m")}) {
            JMSRuntimeException unchecked = JmsExceptions.runtime(checked);
            assertEquals(JMSRuntimeException.class, unchecked.getClass());
            assertSame(checked, unchecked.getCause());
        }
    }

    @Test
    void uncheckedCallsThrowTheTwin() {
        assertThrows(MessageFormatRuntimeException.class, () -> JmsExceptions.unchecked(() -> {
            throw new MessageFormatException("bad");
        }));
        assertThrows(IllegalStateRuntimeException.class, () -> JmsExceptions.uncheckedRun(() -> {
            throw new IllegalStateException("closed");
        }));
        assertEquals(1, JmsExceptions.unchecked(() -> 1));
    }
}
