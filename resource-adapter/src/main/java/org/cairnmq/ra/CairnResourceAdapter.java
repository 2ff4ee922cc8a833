package org.cairnmq.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.security.Authenticator;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.jms.JmsSession;
import org.cairnmq.management.BrokerManagement;
import org.cairnmq.management.ManagementException;
import org.cairnmq.management.ManagementRegistry;

/**
 * Cairn's resource adapter: starts the broker over the store's data source, serves the pooled
 * connection factories and activates message endpoints. All broker logic lives in {@code jms-provider}.
 */
public class CairnResourceAdapter implements ResourceAdapter {
    private static final Logger LOG = Logger.getLogger(CairnResourceAdapter.class.getName());

    private String dataSourceJndiName = "java:jboss/datasources/CairnDS";
    private Integer storeStartTimeoutSeconds = 120;
    private String securityDomain = "ApplicationDomain";
    private Boolean allowAnonymous = Boolean.TRUE;
    private transient volatile Authenticator authenticator;

    private transient BrokerStartup startup;
    private transient TransactionSynchronizationRegistry transactions;
    private final transient Map<MessageEndpointFactory, InboundActivation> activations = new ConcurrentHashMap<>();
    private transient Connection recoveryConnection;
    private transient XAResource recoveryResource;
    // For the admin module (ManagementRegistry): the broker's management once it has started.
    private final transient Supplier<BrokerManagement> management = this::management;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        transactions = context.getTransactionSynchronizationRegistry();
        WorkManagerExecutor threads = new WorkManagerExecutor(context.getWorkManager());
        startup = new BrokerStartup(dataSourceJndiName, storeStartTimeoutSeconds, threads);
        threads.execute(startup::run);
        ManagementRegistry.publish(management);
        LOG.info("CAIRN-RA-001 Cairn resource adapter started; store data source " + dataSourceJndiName);
    }

    @Override
    public void stop() {
        ManagementRegistry.withdraw(management);
        activations.values().forEach(InboundActivation::stop);
        activations.clear();
        closeRecoveryConnection();
        if (startup != null) {
            startup.shutdown();
        }
        LOG.info("CAIRN-RA-002 Cairn resource adapter stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof CairnActivationSpec cairnSpec)) {
            throw new jakarta.resource.NotSupportedException("Not a Cairn activation spec: " + spec);
        }
        cairnSpec.validate();
        InboundActivation activation = new InboundActivation(this, factory, cairnSpec);
        activation.start();
        activations.put(factory, activation);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        InboundActivation activation = activations.remove(factory);
        if (activation != null) {
            activation.stop();
        }
    }

    /**
     * The broker's XA resource for the server's recovery manager: it reports the branches prepared in the
     * store and commits or rolls back any of them by Xid, whichever session began it. It is the same for
     * every activation, on a session of its own that no application uses.
     */
    @Override
    public synchronized XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        // The recovery manager scans again later: a broker still starting is not waited for.
        Broker broker = startup == null ? null : startup.brokerIfStarted();
        if (broker == null) {
            return new XAResource[0];
        }
        if (recoveryResource == null) {
            try {
                recoveryConnection = new JmsConnectionFactory(broker).createConnection();
                JmsSession session = (JmsSession) recoveryConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                recoveryResource = new CairnXaResource(session.getXAResource(), new TransactionFlag());
            } catch (JMSException e) {
                closeRecoveryConnection();
                throw new ResourceException("Cannot open Cairn's recovery session: " + e.getMessage(), e);
            }
        }
        return new XAResource[] {recoveryResource};
    }

    private synchronized void closeRecoveryConnection() {
        recoveryResource = null;
        if (recoveryConnection != null) {
            try {
                recoveryConnection.close();
            } catch (JMSException e) {
                LOG.log(Level.WARNING, "CAIRN-RA-005 Closing the recovery session failed", e);
            }
            recoveryConnection = null;
        }
    }

    /** The running broker, waiting for its start-up to finish if needed. */
    Broker broker() throws ResourceException {
        if (startup == null) {
            throw new ResourceAdapterInternalException("The Cairn resource adapter is not started");
        }
        return startup.awaitBroker();
    }

    /** The server's transaction registry, for inbound deliveries; null if the server gives none. */
    TransactionSynchronizationRegistry transactions() {
        return transactions;
    }

    private BrokerManagement management() {
        try {
            return broker().management();
        } catch (ResourceException e) {
            throw new ManagementException(ManagementException.Kind.FAILED, e.getMessage(), e);
        }
    }

    WorkManagerExecutor threads() throws ResourceException {
        broker();
        return startup.threads();
    }

    /** Who checks the user names and passwords given to the pooled factory: the server's security domain. */
    Authenticator authenticator() {
        Authenticator current = authenticator;
        if (current == null) {
            // Built on first use, so that the Elytron classes are needed only once someone connects.
            current = new ElytronAuthenticator(securityDomain, Boolean.TRUE.equals(allowAnonymous));
            authenticator = current;
        }
        return current;
    }

    /** Replaces the security domain, for tests without a server. */
    void useAuthenticator(Authenticator replacement) {
        authenticator = replacement;
    }

    public String getSecurityDomain() {
        return securityDomain;
    }

    public void setSecurityDomain(String securityDomain) {
        this.securityDomain = securityDomain;
    }

    public Boolean getAllowAnonymous() {
        return allowAnonymous;
    }

    public void setAllowAnonymous(Boolean allowAnonymous) {
        this.allowAnonymous = allowAnonymous;
    }

    public String getDataSourceJndiName() {
        return dataSourceJndiName;
    }

    public void setDataSourceJndiName(String dataSourceJndiName) {
        this.dataSourceJndiName = dataSourceJndiName;
    }

    public Integer getStoreStartTimeoutSeconds() {
        return storeStartTimeoutSeconds;
    }

    public void setStoreStartTimeoutSeconds(Integer storeStartTimeoutSeconds) {
        this.storeStartTimeoutSeconds = storeStartTimeoutSeconds;
    }

    // The Connectors specification asks adapters to compare by configuration.
    @Override
    public boolean equals(Object o) {
        return o instanceof CairnResourceAdapter other && other.dataSourceJndiName.equals(dataSourceJndiName);
    }

    @Override
    public int hashCode() {
        return dataSourceJndiName.hashCode();
    }
}
