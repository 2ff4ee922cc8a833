package org.cairnmq.admin.jmx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.cairnmq.admin.BrokerAccess;
import org.cairnmq.admin.DestinationKey;
import org.cairnmq.admin.stats.StatisticsSampler;

/**
 * One {@link DestinationStatisticsMBean} per destination on the platform MBean server (the one WildFly's
 * JMX subsystem and JConsole show), kept in line with the broker's destinations by the sampler and all
 * unregistered when the admin module stops.
 */
@ApplicationScoped
public class DestinationMBeans {
    private static final Logger LOG = Logger.getLogger(DestinationMBeans.class.getName());
    private static final String DOMAIN = "org.cairnmq";

    @Inject
    BrokerAccess broker;
    @Inject
    Provider<StatisticsSampler> sampler;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Set<DestinationKey> registered = ConcurrentHashMap.newKeySet();

    /** The name of a destination's MBean, e.g. {@code org.cairnmq:type=Destination,kind=queue,name=orders}. */
    public static ObjectName objectName(DestinationKey key) {
        try {
            return new ObjectName(DOMAIN + ":type=Destination,kind=" + key.typeName() + ",name=" + nameValue(key.name()));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String nameValue(String name) {
        return name.chars().anyMatch(c -> ",=:\"*?\n".indexOf(c) >= 0) ? ObjectName.quote(name) : name;
    }

    /** Registers an MBean for each destination that has none and unregisters those of destinations gone. */
    public synchronized void sync(Set<DestinationKey> destinations) {
        for (DestinationKey key : destinations) {
            if (!registered.contains(key)) {
                register(key);
            }
        }
        for (DestinationKey key : Set.copyOf(registered)) {
            if (!destinations.contains(key)) {
                unregister(key);
            }
        }
    }

    public synchronized void unregisterAll() {
        Set.copyOf(registered).forEach(this::unregister);
    }

    private void register(DestinationKey key) {
        DestinationStatistics mbean = new DestinationStatistics(key, broker,
                k -> sampler.get().latest(k).orElse(null));
        try {
            ObjectName name = objectName(key);
            if (server.isRegistered(name)) {
                // Left by an earlier deployment that did not stop cleanly.
                server.unregisterMBean(name);
            }
            server.registerMBean(mbean, name);
            registered.add(key);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "CAIRN-ADMIN-002 Could not register the MBean of " + key, e);
        }
    }

    private void unregister(DestinationKey key) {
        registered.remove(key);
        try {
            server.unregisterMBean(objectName(key));
        } catch (InstanceNotFoundException e) {
            // Already gone: nothing to do.
        } catch (JMException e) {
            LOG.log(Level.WARNING, "CAIRN-ADMIN-003 Could not unregister the MBean of " + key, e);
        }
    }
}
