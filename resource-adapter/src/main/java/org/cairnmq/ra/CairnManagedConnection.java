package org.cairnmq.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.security.Identity;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.jms.JmsSession;

/**
 * A pooled physical broker session, opened for one identity. Applications hold {@link SessionHandle}s to it; when the last handle
 * closes, the server puts it back in the pool. The session itself is non-transacted and auto-acknowledging;
 * the server makes its work part of a JTA transaction through {@link #getXAResource} (or, if configured
 * so, {@link #getLocalTransaction}).
 */
final class CairnManagedConnection implements ManagedConnection {
    private final Connection physicalConnection;
    private final JmsSession physicalSession;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<SessionHandle> handles = new CopyOnWriteArrayList<>();
    private final TransactionFlag inTransaction = new TransactionFlag();
    private final Identity identity;
    private XAResource xaResource;
    private PrintWriter logWriter;

    /** A session for an identity the adapter has already authenticated; its sends carry the user's name. */
    CairnManagedConnection(Broker broker, Identity identity) throws ResourceException {
        this.identity = identity;
        try {
            physicalConnection = new JmsConnectionFactory(broker, (user, secret) -> identity).createConnection();
            physicalSession = (JmsSession) physicalConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            physicalConnection.start();
        } catch (JMSException e) {
            throw new ResourceException("Cannot open a Cairn session", e);
        }
    }

    Identity identity() {
        return identity;
    }

    JmsSession physicalSession() {
        return physicalSession;
    }

    /** Whether the session's work belongs to a container-managed transaction right now. */
    boolean inTransaction() {
        return inTransaction.isActive();
    }

    TransactionFlag transactionFlag() {
        return inTransaction;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        SessionHandle handle = new SessionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof SessionHandle handle)) {
            throw new jakarta.resource.spi.IllegalStateException("Not a Cairn session handle: " + connection);
        }
        handle.owner().handles.remove(handle);
        handle.moveTo(this);
        handles.add(handle);
    }

    /** Called by a handle the application closed. */
    void handleClosed(SessionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(l -> l.connectionClosed(event));
    }

    @Override
    public void cleanup() throws ResourceException {
        handles.forEach(SessionHandle::invalidate);
        handles.clear();
        try {
            // Nothing of the last user may reach the next one: unacknowledged deliveries go back to their queues.
            physicalSession.recover();
        } catch (JMSException e) {
            throw new ResourceException("Cannot reset the pooled Cairn session", e);
        }
    }

    @Override
    public void destroy() throws ResourceException {
        handles.forEach(SessionHandle::invalidate);
        handles.clear();
        try {
            physicalConnection.close();
        } catch (JMSException e) {
            throw new ResourceException("Cannot close the pooled Cairn session", e);
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized XAResource getXAResource() {
        if (xaResource == null) {
            xaResource = new CairnXaResource(physicalSession.getXAResource(), inTransaction);
        }
        return xaResource;
    }

    @Override
    public LocalTransaction getLocalTransaction() {
        return new SessionLocalTransaction(this);
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new CairnConnectionMetaData();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
