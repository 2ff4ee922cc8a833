package org.cairnmq.ra;

import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;

/**
 * A resource-local transaction on the pooled session, driven by the server's transaction manager. The
 * container demarcates it, so no local-transaction events are sent back.
 */
final class SessionLocalTransaction implements LocalTransaction {
    private final CairnManagedConnection connection;

    SessionLocalTransaction(CairnManagedConnection connection) {
        this.connection = connection;
    }

    @Override
    public void begin() throws ResourceException {
        try {
            connection.physicalSession().beginLocalTransaction();
            connection.transactionFlag().set(true);
        } catch (JMSException e) {
            throw new ResourceException("Cannot begin a Cairn transaction", e);
        }
    }

    @Override
    public void commit() throws ResourceException {
        try {
            connection.physicalSession().commitLocalTransaction();
        } catch (JMSException e) {
            throw new ResourceException("Cairn transaction rolled back: " + e.getMessage(), e);
        } finally {
            connection.transactionFlag().set(false);
        }
    }

    @Override
    public void rollback() throws ResourceException {
        try {
            connection.physicalSession().rollbackLocalTransaction();
        } catch (JMSException e) {
            throw new ResourceException("Cannot roll back a Cairn transaction", e);
        } finally {
            connection.transactionFlag().set(false);
        }
    }
}
