package org.cairnmq.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.resource.Referenceable;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * The connection factory applications look up in JNDI ({@code java:/jms/cairn/ConnectionFactory}).
 * Its connections take their sessions from the server's pool and join the caller's transaction.
 */
public final class CairnConnectionFactory implements ConnectionFactory, Referenceable, Serializable {
    private static final long serialVersionUID = 1L;

    private final CairnManagedConnectionFactory managedFactory;
    private final transient ConnectionManager manager;
    private Reference reference;

    CairnConnectionFactory(CairnManagedConnectionFactory managedFactory, ConnectionManager manager) {
        this.managedFactory = managedFactory;
        this.manager = manager;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return new ConnectionHandle(managedFactory, manager);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return createConnection();
    }

    @Override
    public JMSContext createContext() {
        throw new JMSRuntimeException("JMSContext is not implemented yet in Cairn (see docs/conformance.md)");
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext();
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return createContext();
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
