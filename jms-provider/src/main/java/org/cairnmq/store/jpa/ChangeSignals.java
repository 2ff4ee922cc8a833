package org.cairnmq.store.jpa;

import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.cairnmq.store.StoreChanges;
import org.cairnmq.store.StoredQueue;

/**
 * How the nodes sharing a PostgreSQL store wake each other: after a commit that wrote messages for any
 * node to claim, a {@code NOTIFY} names their queues (at most one at a time per node, naming what every
 * commit since the last one wrote), and each node {@code LISTEN}s on a connection of its own.
 *
 * <p>A notification is delivered only to connections listening when it commits. After the listening
 * connection broke, the node is told that any queue may have messages, so that it looks at each again.
 */
final class ChangeSignals implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChangeSignals.class.getName());
    static final String CHANNEL = "cairn_changes";
    // PostgreSQL refuses payloads of 8000 bytes and more; past this, the payload says "any queue".
    private static final int MAX_PAYLOAD = 7_000;
    private static final String ANY_QUEUE = "*";
    private static final String SUBSCRIPTIONS = "s";
    private static final int WAIT_MILLIS = 1_000;
    private static final long RECONNECT_MILLIS = 1_000;

    private final DataSource dataSource;
    private final java.util.function.Supplier<String> instanceId;
    private volatile boolean closed;
    private Thread listener;
    private Thread notifier; // guarded by this
    private final Set<StoredQueue> pendingQueues = new java.util.LinkedHashSet<>(); // guarded by this
    private boolean subscriptionsPending; // guarded by this

    /** @param instanceId who this store is: its own notifications are not passed on */
    ChangeSignals(DataSource dataSource, java.util.function.Supplier<String> instanceId) {
        this.dataSource = dataSource;
        this.instanceId = instanceId;
    }

    /**
     * After a commit that wrote messages unclaimed to these queues: tells the other nodes, soon, from the
     * notifying thread. Announcements made while one is being sent go together in the next.
     */
    void messagesWritten(Collection<StoredQueue> queues) {
        if (queues.isEmpty()) {
            return;
        }
        synchronized (this) {
            pendingQueues.addAll(queues);
            startNotifier();
            notifyAll();
        }
    }

    /** After a commit that created or deleted a durable subscription. */
    void subscriptionsChanged() {
        synchronized (this) {
            subscriptionsPending = true;
            startNotifier();
            notifyAll();
        }
    }

    /** The payloads telling what is pending; guarded by this. */
    private List<String> takePayloads() {
        List<String> payloads = new ArrayList<>();
        String me = instanceId.get();
        if (subscriptionsPending) {
            payloads.add(me + "\n" + SUBSCRIPTIONS);
            subscriptionsPending = false;
        }
        if (!pendingQueues.isEmpty()) {
            StringBuilder payload = new StringBuilder(me);
            for (StoredQueue queue : pendingQueues) {
                payload.append('\n').append(queue.subscriptionId()).append(' ')
                        .append(URLEncoder.encode(queue.destination(), StandardCharsets.UTF_8));
                if (payload.length() > MAX_PAYLOAD) {
                    payload.setLength(0);
                    payload.append(me).append('\n').append(ANY_QUEUE);
                    break;
                }
            }
            pendingQueues.clear();
            payloads.add(payload.toString());
        }
        return payloads;
    }

    /** Guarded by this. */
    private void startNotifier() {
        if (notifier == null && !closed) {
            notifier = new Thread(this::notifyLoop, "cairn-store-notifier");
            notifier.setDaemon(true);
            notifier.start();
        }
    }

    /**
     * Sends what is pending, each time in a transaction of its own on a connection of its own: a
     * notifying transaction holds a database-wide lock through its commit, and a data commit holding it
     * through its forced write would serialise every node's commits. A notification that could not be
     * sent is given up: the other nodes' waiting consumers look again by themselves.
     */
    private void notifyLoop() {
        Connection connection = null;
        while (!closed) {
            List<String> payloads;
            synchronized (this) {
                while (!closed && pendingQueues.isEmpty() && !subscriptionsPending) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                payloads = takePayloads();
            }
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                    connection.setAutoCommit(true);
                }
                for (String payload : payloads) {
                    try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                        notify.setString(1, CHANNEL);
                        notify.setString(2, payload);
                        notify.execute();
                    }
                }
            } catch (SQLException e) {
                LOG.fine("Could not notify the other nodes; they look by themselves: " + e);
                closeQuietly(connection);
                connection = null;
                pause();
            }
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // going away
            }
        }
    }

    /**
     * Starts listening on a thread of its own, passing what other nodes say to {@code changes}.
     *
     * @return {@code false} if this driver cannot hand notifications over (then nothing was started)
     */
    synchronized boolean listen(StoreChanges changes) {
        if (listener != null) {
            throw new IllegalStateException("Already listening");
        }
        try (Connection probe = dataSource.getConnection()) {
            if (notificationReader(probe) == null) {
                LOG.warning("CAIRN-STORE-010 The PostgreSQL driver's notifications cannot be read through this data "
                        + "source; nodes find other nodes' messages by polling only");
                return false;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Cannot open a connection to listen on; trying again from the listener", e);
        }
        listener = new Thread(() -> run(changes), "cairn-store-listener");
        listener.setDaemon(true);
        listener.start();
        return true;
    }

    private void run(StoreChanges changes) {
        boolean first = true;
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + CHANNEL);
                }
                Notifications reader = notificationReader(connection);
                if (!first) { // what was said while not listening is lost: look at everything again
                    changes.subscriptionsChanged();
                    changes.messagesArrived(null);
                }
                first = false;
                while (!closed) {
                    for (String payload : reader.next(WAIT_MILLIS)) {
                        pass(payload, changes);
                    }
                }
            } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "CAIRN-STORE-011 Lost the connection that listens for other nodes' "
                            + "messages; listening again in " + RECONNECT_MILLIS + " ms: " + e);
                    pause();
                }
            }
        }
    }

    private void pass(String payload, StoreChanges changes) {
        String[] lines = payload.split("\n");
        if (lines[0].equals(instanceId.get())) {
            return; // this node's own commit: it knows
        }
        Set<StoredQueue> queues = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals(SUBSCRIPTIONS)) {
                changes.subscriptionsChanged();
                return;
            }
            if (line.equals(ANY_QUEUE)) {
                changes.messagesArrived(null);
                return;
            }
            int space = line.indexOf(' ');
            queues.add(new StoredQueue(URLDecoder.decode(line.substring(space + 1), StandardCharsets.UTF_8),
                    Long.parseLong(line.substring(0, space))));
        }
        if (!queues.isEmpty()) {
            changes.messagesArrived(queues);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    /** Reads the driver's notifications, found by reflection: the driver may be another module's. */
    private interface Notifications {
        Collection<String> next(int waitMillis) throws SQLException, ReflectiveOperationException;
    }

    /** @return {@code null} if the connection is not, and does not wrap, a PostgreSQL driver's connection */
    private static Notifications notificationReader(Connection connection) throws SQLException {
        Object driverConnection = driverConnection(connection);
        if (driverConnection == null) {
            return null;
        }
        Method next;
        try {
            next = driverConnection.getClass().getMethod("getNotifications", int.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
        return waitMillis -> {
            Object[] got = (Object[]) next.invoke(driverConnection, waitMillis);
            java.util.List<String> payloads = new java.util.ArrayList<>();
            if (got != null) {
                for (Object notification : got) {
                    payloads.add((String) notification.getClass().getMethod("getParameter").invoke(notification));
                }
            }
            return payloads;
        };
    }

    private static Object driverConnection(Connection connection) throws SQLException {
        if (hasMethod(connection, "getNotifications")) {
            return connection;
        }
        try { // IronJacamar's wrapper (WildFly data sources)
            Object underlying = connection.getClass().getMethod("getUnderlyingConnection").invoke(connection);
            if (underlying != null && hasMethod(underlying, "getNotifications")) {
                return underlying;
            }
        } catch (ReflectiveOperationException notIronJacamar) {
            // try the JDBC way
        }
        for (ClassLoader loader : new ClassLoader[] {ChangeSignals.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            try {
                Class<?> pg = Class.forName("org.postgresql.PGConnection", false, loader);
                if (connection.isWrapperFor(pg)) {
                    return connection.unwrap(pg);
                }
            } catch (ClassNotFoundException | NullPointerException notVisible) {
                // next loader
            }
        }
        return null;
    }

    private static boolean hasMethod(Object target, String name) {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = listener;
            notifyAll(); // the notifier stops
        }
        if (running != null) {
            try {
                running.join(WAIT_MILLIS * 3L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
