package org.cairnmq.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    @AfterEach
    void stop() {
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
    void aFailureWithoutSqlStateIsTakenAsUnavailable() {
        recovery.listen(this, told::add);
        assertThrows(BrokerException.class, () -> recovery.call(() -> {
            throw new StoreException("no answer", new IllegalStateException("connection pool closed"));
        }));
        assertEquals(1, told.size());
    }
}
