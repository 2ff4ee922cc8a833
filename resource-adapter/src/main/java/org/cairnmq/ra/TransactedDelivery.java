package org.cairnmq.ra;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands a message to an endpoint whose delivery is transacted (a message-driven bean with a
 * container-managed {@code REQUIRED} transaction): {@code beforeDelivery} lets the container start the
 * transaction and enlist the consuming session's XA resource, so the message's receipt belongs to it;
 * {@code afterDelivery}, always paired in {@code finally}, commits or rolls it back. A rollback gives the
 * message back for redelivery, and after its last attempt to the dead-letter queue.
 *
 * <p>If {@code onMessage} throws, the transaction is marked rollback-only before {@code afterDelivery}: the
 * container marks it only for exceptions the bean throws, not for its own refusals (a bean being undeployed),
 * and committing then would consume a message nobody processed.
 */
final class TransactedDelivery implements MessageListener {
    private static final Logger LOG = Logger.getLogger(TransactedDelivery.class.getName());

    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageEndpoint endpoint;
    private final TransactionSynchronizationRegistry transactions;

    /** @param transactions the server's registry, to mark a failed delivery's transaction; null if it has none */
    TransactedDelivery(MessageEndpoint endpoint, TransactionSynchronizationRegistry transactions) {
        this.endpoint = endpoint;
        this.transactions = transactions;
    }

    @Override
    public void onMessage(Message message) {
        try {
            endpoint.beforeDelivery(ON_MESSAGE);
        } catch (NoSuchMethodException | ResourceException e) {
            // Not delivered, no transaction: the session gives the message back.
            throw new IllegalStateException("The container did not start a delivery: " + e.getMessage(), e);
        }
        try {
            ((MessageListener) endpoint).onMessage(message);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "CAIRN-RA-020 The delivery failed; its transaction rolls back", e);
            markRollbackOnly();
        } finally {
            try {
                endpoint.afterDelivery();
            } catch (ResourceException e) {
                LOG.log(Level.WARNING, "CAIRN-RA-021 Completing a transacted delivery failed", e);
            }
        }
    }

    private void markRollbackOnly() {
        if (transactions == null) {
            return;
        }
        try {
            transactions.setRollbackOnly();
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "CAIRN-RA-022 No transaction to mark rollback-only", e);
        }
    }
}
