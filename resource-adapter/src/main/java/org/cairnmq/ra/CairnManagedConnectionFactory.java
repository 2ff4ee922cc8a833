package org.cairnmq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;
import org.cairnmq.engine.security.Identity;

/**
 * Creates the physical connections the server pools. One managed connection is one broker session, so
 * the pool hands out sessions, as Jakarta Messaging in the EE container expects. The sessions take part
 * in JTA transactions as XA resources.
 */
public class CairnManagedConnectionFactory
        implements ManagedConnectionFactory, ResourceAdapterAssociation, TransactionSupport {
    private static final long serialVersionUID = 1L;

    private transient CairnResourceAdapter adapter;
    private transient PrintWriter logWriter;
    private TransactionSupportLevel transactionSupport = TransactionSupportLevel.XATransaction;

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new CairnConnectionFactory(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new jakarta.resource.NotSupportedException("Cairn's pooled factory needs the server's connection manager");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        return new CairnManagedConnection(adapter().broker(), SessionRequest.identityOf(info));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        // Sessions differ only by the identity they send as: any idle one of the same identity will do.
        Identity wanted = SessionRequest.identityOf(info);
        for (Object candidate : candidates) {
            if (candidate instanceof CairnManagedConnection connection && connection.identity().equals(wanted)) {
                return connection;
            }
        }
        return null;
    }

    /**
     * XA by default, said by the factory itself and not only by the descriptors: IronJacamar in WildFly 39
     * registers the connection definition with the recovery manager (the {@code <recovery>} element of
     * {@code ironjacamar.xml}) only when the factory reports the level, so without it prepared branches
     * would stay in doubt after a crash.
     */
    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return transactionSupport;
    }

    /**
     * Config property {@code TransactionSupportLevel}: {@code XATransaction} (the default: sessions join JTA
     * transactions with two-phase commit), {@code LocalTransaction} (they join as a one-phase resource, as
     * the last resource of a transaction) or {@code NoTransaction} (they never join: each send and receipt
     * takes effect at once).
     */
    public void setTransactionSupportLevel(String level) {
        try {
            transactionSupport = TransactionSupportLevel.valueOf(level.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("TransactionSupportLevel must be XATransaction, LocalTransaction or "
                    + "NoTransaction, not '" + level + "'");
        }
    }

    public String getTransactionSupportLevel() {
        return transactionSupport.name();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof CairnResourceAdapter cairn)) {
            throw new jakarta.resource.spi.ResourceAdapterInternalException("Not Cairn's adapter: " + ra);
        }
        adapter = cairn;
    }

    CairnResourceAdapter adapter() throws ResourceException {
        if (adapter == null) {
            throw new jakarta.resource.spi.IllegalStateException("Not associated with Cairn's resource adapter");
        }
        return adapter;
    }

    // Connection factories of one adapter are interchangeable: they have no configuration of their own yet.
    @Override
    public boolean equals(Object o) {
        return o instanceof CairnManagedConnectionFactory;
    }

    @Override
    public int hashCode() {
        return CairnManagedConnectionFactory.class.hashCode();
    }
}
