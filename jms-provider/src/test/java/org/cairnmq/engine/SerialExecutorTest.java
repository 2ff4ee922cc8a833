package org.cairnmq.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session's serial executor outlives any task and any refusal of the threads it borrows. */
class SerialExecutorTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheTasksAfterIt() throws Exception {
        SerialExecutor serial = new SerialExecutor(threads);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        serial.execute(() -> ran.add(1));
        serial.execute(() -> {
            throw new IllegalStateException("a listener's bug");
        });
        serial.execute(() -> {
            throw new StackOverflowError("an error, not an exception");
        });
        serial.execute(() -> ran.add(2));
        assertTrue(serial.awaitIdle(10, TimeUnit.SECONDS), "it drains to the end: idle, so close does not hang");
        assertEquals(List.of(1, 2), ran);

        serial.execute(() -> ran.add(3));
        assertTrue(serial.awaitIdle(10, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2, 3), ran, "and it still runs tasks given later");
    }

    @Test
    void tasksRefusedByTheThreadsRunOnTheCallerInOrderAndNothingIsThrownAtIt() {
        SerialExecutor serial = new SerialExecutor(task -> {
            throw new RejectedExecutionException("work manager full");
        });
        List<String> ran = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        serial.execute(() -> ran.add("first on " + (Thread.currentThread() == caller ? "caller" : "other")));
        serial.execute(() -> ran.add("second"));
        assertEquals(List.of("first on caller", "second"), ran);
        assertTrue(serial.awaitIdle(1, TimeUnit.SECONDS), "not left running");
    }

    @Test
    void awaitIdleGivesUpAtItsBoundWhenATaskNeverReturns() throws Exception {
        SerialExecutor serial = new SerialExecutor(threads);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        serial.execute(() -> {
            started.countDown();
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertFalse(serial.awaitIdle(100, TimeUnit.MILLISECONDS), "a stuck task is reported, not waited for");
        stuck.countDown();
        assertTrue(serial.awaitIdle(10, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptedAwaitKeepsWaitingWithinItsBoundAndKeepsTheInterrupt() throws Exception {
        SerialExecutor serial = new SerialExecutor(threads);
        CountDownLatch release = new CountDownLatch(1);
        serial.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.currentThread().interrupt();
        try {
            assertFalse(serial.awaitIdle(100, TimeUnit.MILLISECONDS));
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt is kept");
        } finally {
            Thread.interrupted();
            release.countDown();
        }
    }
}
