package org.cairnmq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.cairnmq.engine.Broker;
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

    private transient BrokerStartup startup;
    private final transient Map<MessageEndpointFactory, InboundActivation> activations = new ConcurrentHashMap<>();
    // For the admin module (ManagementRegistry): the broker's management once it has started.
    private final transient Supplier<BrokerManagement> management = this::management;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
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
        activations.put(factory, activation);
        activation.start();
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        InboundActivation activation = activations.remove(factory);
        if (activation != null) {
            activation.stop();
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /** The running broker, waiting for its start-up to finish if needed. */
    Broker broker() throws ResourceException {
        if (startup == null) {
            throw new ResourceAdapterInternalException("The Cairn resource adapter is not started");
        }
        return startup.awaitBroker();
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
