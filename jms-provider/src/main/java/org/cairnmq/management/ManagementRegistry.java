package org.cairnmq.management;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Where a container publishes the management interface of the broker it runs, so that the admin module
 * of the same deployment finds it with no compile-time link to the container's classes. In WildFly the
 * resource adapter publishes on start and withdraws on stop; the admin WAR sees this class because it
 * depends on the adapter's module (docs/architecture.md).
 *
 * <p>One broker per class loader. Thread-safe; no method blocks, but the published supplier may (it can
 * wait for the broker to finish starting).
 */
public final class ManagementRegistry {
    private static final AtomicReference<Supplier<BrokerManagement>> PUBLISHED = new AtomicReference<>();

    private ManagementRegistry() {
    }

    /** Publishes a broker's management interface, replacing any published before. */
    public static void publish(Supplier<BrokerManagement> management) {
        PUBLISHED.set(management);
    }

    /** Withdraws what {@link #publish} published, unless something else was published since. */
    public static void withdraw(Supplier<BrokerManagement> management) {
        PUBLISHED.compareAndSet(management, null);
    }

    /** The published broker's management, or empty when none is published (not deployed, or stopped). */
    public static Optional<Supplier<BrokerManagement>> published() {
        return Optional.ofNullable(PUBLISHED.get());
    }
}
