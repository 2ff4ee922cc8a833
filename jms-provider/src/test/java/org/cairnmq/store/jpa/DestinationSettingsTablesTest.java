package org.cairnmq.store.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cairnmq.store.DestinationSettings;
import org.cairnmq.store.DestinationSettingsStore;
import org.cairnmq.store.StoredDestination;
import org.cairnmq.store.StoredMemoryLimit;
import org.cairnmq.store.StoredPolicy;
import org.cairnmq.testing.PooledJpaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The destination settings tables on a real database: rows round-trip, writes replace, deletes forget,
 * and two stores writing the same rows at the same moment both succeed (the lost race on an insert is not
 * an error). Run on each database through a subclass.
 */
abstract class DestinationSettingsTablesTest {
    private static final StoredPolicy SLOW = new StoredPolicy("orders", 5, 250, 1.5, 20_000, "orders.parked", null);
    private static final StoredPolicy FAST = new StoredPolicy("orders", 2, 0, 1.0, 0, "DLQ", "ExpiryQueue");
    private final List<PooledJpaStore> stores = new ArrayList<>();

    /** A new, empty database; every call gives another. */
    protected abstract String newDatabase() throws Exception;

    @AfterEach
    void close() {
        stores.forEach(PooledJpaStore::close);
    }

    private DestinationSettingsStore open(String url) {
        PooledJpaStore store = PooledJpaStore.open(url);
        stores.add(store);
        return store.destinationSettings().orElseThrow();
    }

    @Test
    void destinationsAreRecordedOnceAndForgotten() throws Exception {
        DestinationSettingsStore settings = open(newDatabase());
        settings.saveDestination(new StoredDestination(false, "b"));
        settings.saveDestination(new StoredDestination(true, "a"));
        settings.saveDestination(new StoredDestination(false, "a"));
        settings.saveDestination(new StoredDestination(false, "b")); // again: no second row
        assertEquals(List.of(new StoredDestination(false, "a"), new StoredDestination(true, "a"),
                new StoredDestination(false, "b")), settings.loadSettings().destinations());

        settings.deleteDestination(new StoredDestination(false, "a"), false);
        assertEquals(List.of(new StoredDestination(true, "a"), new StoredDestination(false, "b")),
                settings.loadSettings().destinations());
    }

    @Test
    void aPolicyIsReplacedAndGoesWithItsDestinationOnlyWhenAsked() throws Exception {
        DestinationSettingsStore settings = open(newDatabase());
        settings.saveDestination(new StoredDestination(false, "orders"));
        settings.savePolicy(SLOW);
        assertEquals(List.of(SLOW), settings.loadSettings().policies(), "a null expiry queue round-trips");
        settings.savePolicy(FAST);
        assertEquals(List.of(FAST), settings.loadSettings().policies());

        settings.deleteDestination(new StoredDestination(false, "orders"), false);
        assertEquals(List.of(FAST), settings.loadSettings().policies(), "kept for a topic of the same name");
        settings.deleteDestination(new StoredDestination(true, "orders"), true);
        assertEquals(List.of(), settings.loadSettings().policies());

        settings.savePolicy(SLOW);
        settings.deletePolicy("orders");
        assertEquals(new DestinationSettings(List.of(), List.of(), List.of()), settings.loadSettings());
    }

    @Test
    void aMemoryLimitIsReplacedKeptApartFromThePolicyAndGoesWithItsDestinationOnlyWhenAsked() throws Exception {
        DestinationSettingsStore settings = open(newDatabase());
        settings.saveDestination(new StoredDestination(false, "orders"));
        settings.saveMemoryLimit(new StoredMemoryLimit("orders", 4_096, "FAIL"));
        settings.saveMemoryLimit(new StoredMemoryLimit("orders", Long.MAX_VALUE, "BLOCK"));
        assertEquals(List.of(new StoredMemoryLimit("orders", Long.MAX_VALUE, "BLOCK")),
                settings.loadSettings().memoryLimits());
        assertEquals(List.of(), settings.loadSettings().policies(), "a limit needs no policy");

        settings.savePolicy(SLOW);
        settings.deletePolicy("orders");
        assertEquals(1, settings.loadSettings().memoryLimits().size(), "resetting the policy keeps the limit");
        settings.deleteMemoryLimit("orders");
        assertEquals(List.of(), settings.loadSettings().memoryLimits());

        settings.saveMemoryLimit(new StoredMemoryLimit("orders", 8_192, "FAIL"));
        settings.deleteDestination(new StoredDestination(false, "orders"), false);
        assertEquals(1, settings.loadSettings().memoryLimits().size(), "kept for a topic of the same name");
        settings.deleteDestination(new StoredDestination(false, "orders"), true);
        assertEquals(new DestinationSettings(List.of(), List.of(), List.of()), settings.loadSettings());
    }

    @Test
    void storesSharingADatabaseWriteTheSameRowsAtOnceWithoutFailing() throws Exception {
        String url = newDatabase();
        List<DestinationSettingsStore> writers = List.of(open(url), open(url));
        int rounds = 20;
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                String name = "race-" + round;
                CyclicBarrier together = new CyclicBarrier(threads);
                List<Future<?>> writes = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    DestinationSettingsStore writer = writers.get(t % 2);
                    int attempts = t + 1;
                    writes.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        writer.saveDestination(new StoredDestination(false, name));
                        writer.savePolicy(new StoredPolicy(name, attempts, 0, 1.0, 0, "DLQ", null));
                        return null;
                    }));
                }
                for (Future<?> write : writes) {
                    write.get(30, TimeUnit.SECONDS); // throws if a lost race surfaced as an error
                }
            }
        } finally {
            pool.shutdownNow();
        }
        DestinationSettings stored = writers.get(1).loadSettings();
        assertEquals(rounds, stored.destinations().size(), "one row per destination");
        assertEquals(rounds, stored.policies().size(), "one row per policy");
        for (StoredPolicy policy : stored.policies()) {
            assertTrue(policy.maxDeliveryAttempts() >= 1 && policy.maxDeliveryAttempts() <= threads,
                    "one of the written policies: " + policy);
        }
    }
}
