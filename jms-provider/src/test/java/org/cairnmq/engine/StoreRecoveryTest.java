package org.cairnmq.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cairnmq.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Store failures as the broker sees them: every failure becomes the engine's resource error, but only one
 * that says the database is unavailable starts an outage (told once to the listeners); a statement refused
 * for its content (a value too long, a constraint) does not alarm every connection.
 */
class StoreRecoveryTest {
    private final DeliveryScheduler scheduler = new DeliveryScheduler(Clock.systemUTC());
    private final StoreRecovery recovery = new StoreRecovery(new ScriptedStore(), scheduler,
            System::currentTimeMillis, 30_000, Runnable::run, (stored, queue) -> { });
    private final List<BrokerException> told = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
        scheduler.close();
    }

    @Test
    void aStatementRefusedForItsContentIsNoOutage() {
        recovery.listen(this, told::add);
        BrokerException failure = assertThrows(BrokerException.class, () -> recovery.call(() -> {
            throw new StoreException("too long", new SQLException("value too long for type", "22001"));
        }));
        assertEquals(BrokerException.Kind.RESOURCE, failure.kind());
        assertThrows(BrokerException.class, () -> recovery.call(() -> {
            throw new StoreException("duplicate", new RuntimeException(new SQLException("duplicate key", "23505")));
        }));
        assertEquals(List.of(), told);
    }

    @Test
    void anUnavailableDatabaseStartsOneOutageUntilTheStoreAnswersAgain() throws Exception {
        StoreRecovery impatient = recovery(0);
        impatient.listen(this, told::add);
        startOutage(impatient);
        assertThrows(BrokerException.class, () -> impatient.call(() -> "not asked while the store is down"));
        assertEquals(1, told.size(), "one outage, told once");
        awaitCondition(() -> answers(impatient)); // the broker's probe finds the store answering
        assertThrows(BrokerException.class, () -> impatient.call(() -> {
            throw new StoreException("timed out", new SQLException("canceling statement", "57014"));
        }));
        assertEquals(2, told.size(), "a statement timeout after a success is a new outage");
    }

    @Test
    void duringAnOutageCallsFailWithoutReachingTheStoreOnceTheirWaitIsOver() {
        StoreRecovery impatient = recovery(0);
        BrokerException first = startOutage(impatient);
        List<String> reached = new CopyOnWriteArrayList<>();

        BrokerException failure = assertThrows(BrokerException.class, () -> impatient.call(() -> {
            reached.add("call");
            return "not asked";
        }));
        assertEquals(BrokerException.Kind.RESOURCE, failure.kind());
        assertSame(first, failure.getCause(), "the failure that started the outage is the cause");
        assertEquals(List.of(), reached, "the store was not tried again");
    }

    @Test
    void duringAnOutageACallWaitsAndGoesOnOnceTheStoreAnswers() throws Exception {
        startOutage(recovery);
        List<String> reached = new CopyOnWriteArrayList<>();
        Future<String> waiting = callers.submit(() -> recovery.call(() -> {
            reached.add("call");
            return "waited";
        }));
        // The broker's probe, a second after the failure, finds the store answering and ends the outage.
        assertEquals("waited", waiting.get(10, TimeUnit.SECONDS), "it waited for the store rather than failing");
        assertEquals(List.of("call"), reached);
    }

    @Test
    void anInterruptEndsTheWaitDuringAnOutageAndIsKept() {
        StoreRecovery patient = recovery(60_000);
        startOutage(patient);
        List<String> reached = new CopyOnWriteArrayList<>();
        Thread.currentThread().interrupt();
        try {
            BrokerException failure = assertThrows(BrokerException.class, () -> patient.call(() -> {
                reached.add("call");
                return "not asked";
            }));
            assertEquals(BrokerException.Kind.RESOURCE, failure.kind());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept");
            assertEquals(List.of(), reached, "nothing was written");
        } finally {
            Thread.interrupted();
        }
    }

    private StoreRecovery recovery(long outageWaitMillis) {
        return new StoreRecovery(new ScriptedStore(), scheduler, System::currentTimeMillis, 30_000, outageWaitMillis,
                Runnable::run, (stored, queue) -> { });
    }

    private static boolean answers(StoreRecovery recovery) {
        try {
            return "ok".equals(recovery.call(() -> "ok"));
        } catch (BrokerException stillDown) {
            return false;
        }
    }

    private static BrokerException startOutage(StoreRecovery recovery) {
        return assertThrows(BrokerException.class, () -> recovery.call(() -> {
            throw new StoreException("gone", new SQLTransientConnectionException("refused", "08001"));
        }));
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 10 s");
            Thread.sleep(5);
        }
    }

    @Test
    void aFailureWithoutSqlStateIsTakenAsUnavailable() {
        recovery.listen(this, told::add);
        assertThrows(BrokerException.class, () -> recovery.call(() -> {
            throw new StoreException("no answer", new IllegalStateException("connection pool closed"));
        }));
        assertEquals(1, told.size());
    }
}
