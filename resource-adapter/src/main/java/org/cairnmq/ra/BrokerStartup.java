package org.cairnmq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.cairnmq.engine.Broker;
import org.cairnmq.store.jpa.JpaMessageStore;

/**
 * Starts the broker once the store's data source is bound. The data source may be deployed with the
 * adapter (in the same EAR), so it can appear after the adapter starts: wait for it, within a bound.
 */
final class BrokerStartup {
    private static final Logger LOG = Logger.getLogger(BrokerStartup.class.getName());
    private static final long LOOKUP_RETRY_MILLIS = 200;

    private final String dataSourceJndiName;
    private final long timeoutMillis;
    private final WorkManagerExecutor threads;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Broker broker;
    private volatile Exception failure;
    private volatile boolean shutdown;

    BrokerStartup(String dataSourceJndiName, int timeoutSeconds, WorkManagerExecutor threads) {
        this.dataSourceJndiName = dataSourceJndiName;
        this.timeoutMillis = TimeUnit.SECONDS.toMillis(timeoutSeconds);
        this.threads = threads;
    }

    void run() {
        try {
            DataSource dataSource = awaitDataSource();
            broker = Broker.start(JpaMessageStore.open(dataSource), threads);
            LOG.info("CAIRN-RA-003 Cairn broker started on " + dataSourceJndiName);
        } catch (Exception | LinkageError e) {
            failure = e instanceof Exception ex ? ex : new IllegalStateException(e);
            LOG.log(Level.SEVERE, "CAIRN-RA-004 Cairn broker failed to start on " + dataSourceJndiName, e);
        } finally {
            done.countDown();
        }
        if (shutdown) {
            closeBroker();
        }
    }

    Broker awaitBroker() throws ResourceException {
        try {
            if (!done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new ResourceAdapterInternalException("The Cairn broker is still starting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceAdapterInternalException("Interrupted waiting for the Cairn broker", e);
        }
        if (broker == null) {
            throw new ResourceAdapterInternalException("The Cairn broker did not start: " + failure, failure);
        }
        return broker;
    }

    /** The broker if it has started, without waiting; {@code null} while it starts or if it failed. */
    Broker brokerIfStarted() {
        return done.getCount() == 0 ? broker : null;
    }

    WorkManagerExecutor threads() {
        return threads;
    }

    void shutdown() {
        shutdown = true;
        if (done.getCount() == 0) {
            closeBroker();
        }
    }

    private synchronized void closeBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    private DataSource awaitDataSource() throws NamingException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            try {
                return (DataSource) new InitialContext().lookup(dataSourceJndiName);
            } catch (NamingException e) {
                if (shutdown || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(LOOKUP_RETRY_MILLIS);
            }
        }
    }
}
