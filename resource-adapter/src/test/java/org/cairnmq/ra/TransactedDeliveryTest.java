package org.cairnmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The delivery hooks around a transacted endpoint's onMessage: always paired, in order. */
class TransactedDeliveryTest {
    private final List<String> registryCalls = new ArrayList<>();
    private final TransactionSynchronizationRegistry transactions = (TransactionSynchronizationRegistry) Proxy
            .newProxyInstance(TransactionSynchronizationRegistry.class.getClassLoader(),
                    new Class<?>[] {TransactionSynchronizationRegistry.class}, (proxy, method, args) -> {
                        registryCalls.add(method.getName());
                        return null;
                    });

    @Test
    void beforeOnMessageAfter() {
        RecordingEndpoint endpoint = new RecordingEndpoint(false, false);
        new TransactedDelivery(endpoint, transactions).onMessage(null);
        assertEquals(List.of("before onMessage", "onMessage", "after"), endpoint.calls);
    }

    @Test
    void afterDeliveryFollowsABeanThatThrows() {
        RecordingEndpoint endpoint = new RecordingEndpoint(true, false);
        new TransactedDelivery(endpoint, transactions).onMessage(null);
        assertEquals(List.of("before onMessage", "onMessage", "after"), endpoint.calls);
        assertEquals(List.of("setRollbackOnly"), registryCalls,
                "rolled back even if the container did not mark it (a bean being undeployed)");
    }

    @Test
    void aDeliveryThatSucceedsLeavesTheTransactionAlone() {
        new TransactedDelivery(new RecordingEndpoint(false, false), transactions).onMessage(null);
        assertEquals(List.of(), registryCalls);
    }

    @Test
    void noDeliveryWithoutBeforeDelivery() {
        RecordingEndpoint endpoint = new RecordingEndpoint(false, true);
        assertThrows(IllegalStateException.class, () -> new TransactedDelivery(endpoint, transactions).onMessage(null),
                "the session then gives the message back");
        assertEquals(List.of("before onMessage"), endpoint.calls);
    }

    private static final class RecordingEndpoint implements MessageEndpoint, MessageListener {
        final List<String> calls = new ArrayList<>();
        private final boolean beanThrows;
        private final boolean beforeFails;

        RecordingEndpoint(boolean beanThrows, boolean beforeFails) {
            this.beanThrows = beanThrows;
            this.beforeFails = beforeFails;
        }

        @Override
        public void beforeDelivery(Method method) throws ResourceException {
            calls.add("before " + method.getName());
            if (beforeFails) {
                throw new ResourceException("no transaction today");
            }
        }

        @Override
        public void onMessage(Message message) {
            calls.add("onMessage");
            if (beanThrows) {
                throw new IllegalStateException("the bean throws");
            }
        }

        @Override
        public void afterDelivery() {
            calls.add("after");
        }

        @Override
        public void release() {
        }
    }
}
