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
import java.util.concurrent.CountDownLatch;
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
    void anUnavailableDatabaseStartsOneOutageUntilACallSucceeds() {
        recovery.listen(this, told::add);
        for (int i = 0; i < 3; i++) {
            assertThrows(BrokerException.class, () -> recovery.call(() -> {
                throw new StoreException("gone", new SQLTransientConnectionException("refused", "08001"));
            }));
        }
        assertEquals(1, told.size(), "one outage, told once");
        assertSame("ok", recovery.call(() -> "ok"));
        assertThrows(BrokerException.class, () -> recovery.call(() -> {
            throw new StoreException("timed out", new SQLException("canceling statement", "57014"));
        }));
        assertEquals(2, told.size(), "a statement timeout after a success is a new outage");
    }

    @Test
    void duringAnOutageOneCallTriesTheStoreAndTheOthersFailWithoutReachingItWhenItStaysDown() throws Exception {
        StoreRecovery impatient = new StoreRecovery(new ScriptedStore(), scheduler, System::currentTimeMillis,
                30_000, 0, Runnable::run, (stored, queue) -> { });
        BrokerException first = startOutage(impatient);
        List<String> reached = new CopyOnWriteArrayList<>();
        CountDownLatch answer = new CountDownLatch(1);
        Future<String> trial = callers.submit(() -> impatient.call(() -> {
            reached.add("trial");
            awaitQuietly(answer);
            return "answered";
        }));
        awaitCondition(() -> reached.contains("trial"));

        BrokerException fast = assertThrows(BrokerException.class, () -> impatient.call(() -> {
            reached.add("other");
            return "not asked";
        }));
        assertEquals(BrokerException.Kind.RESOURCE, fast.kind());
        assertSame(first, fast.getCause(), "the failure that started the outage is the cause");
        assertEquals(List.of("trial"), reached, "only the trial reached the store");

        answer.countDown();
        assertEquals("answered", trial.get(10, TimeUnit.SECONDS));
        assertSame("ok", impatient.call(() -> "ok"), "the trial's success ended the outage");
    }

    @Test
    void duringAnOutageTheOtherCallsWaitAndGoOnOnceTheStoreAnswers() throws Exception {
        startOutage(recovery);
        List<String> reached = new CopyOnWriteArrayList<>();
        CountDownLatch answer = new CountDownLatch(1);
        Future<String> trial = callers.submit(() -> recovery.call(() -> {
            reached.add("trial");
            awaitQuietly(answer);
            reached.add("trial answered");
            return "answered";
        }));
        awaitCondition(() -> reached.contains("trial"));
        Future<String> waiting = callers.submit(() -> recovery.call(() -> {
            reached.add("other");
            return "waited";
        }));

        answer.countDown();
        assertEquals("answered", trial.get(10, TimeUnit.SECONDS));
        assertEquals("waited", waiting.get(10, TimeUnit.SECONDS), "it waited for the store rather than failing");
        assertTrue(reached.containsAll(List.of("trial", "trial answered", "other")), reached.toString());
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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
