package org.cairnmq.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMessage;

/**
 * Group commit: the batches of concurrent callers go to the store together, in one database transaction,
 * so that throughput is not one commit per message.
 *
 * <p>Leader and followers, no thread of its own. A caller whose batch finds no commit under way commits
 * at once on its own thread, so a lone caller waits for nothing but its own transaction. Callers that
 * arrive while a commit is under way queue up; when it ends, the first of them is handed the lead and
 * commits every batch queued by then (within {@link #MAX_ROWS} rows and {@link #MAX_BYTES} bytes of bodies and
 * properties; a larger batch goes alone, never split). A writer thread would add two thread hand-offs
 * to every commit, and inside WildFly the broker should not start threads the server does not manage.
 *
 * <p>A group is all or nothing in the store, so when its transaction fails each batch of the group is
 * committed again on its own: one bad batch fails only its own caller, and a group whose commit answer was
 * lost is settled. Not when the database did not answer for {@link #RETRY_ALONE_WITHIN} or longer and the
 * failure says it is unavailable ({@link StoreException#isUnavailable}: a pool or statement timeout):
 * then every batch of the group fails with it at once, rather than each waiting as long again. A batch
 * that was alone is not tried again. The batches keep the ids the group's attempt gave them and the store skips rows already
 * there, so when the group's failure was ambiguous (the database committed, the driver threw) the second
 * attempt stores nothing twice.
 *
 * <p>Waits are bounded: a caller whose batch is still queued after {@code queueWait}, or whose thread is
 * interrupted while it is queued, takes it back unwritten and fails ({@link BrokerException.Kind#RESOURCE});
 * a batch a leader has taken is being written, and its caller waits for the outcome, which the store's
 * statement timeouts bound.
 *
 * <p>{@link #close()} refuses new batches and lets those already handed in be committed (up to
 * {@link #CLOSE_WAIT}); a batch still queued after that fails, unwritten, with
 * {@link BrokerException.Kind#ILLEGAL_STATE}.
 *
 * <p>{@code -Dcairn.groupCommit=false} turns grouping off (each caller commits its own batch, as before
 * group commit existed): a diagnostic, and the baseline of the benchmark in docs/store.md.
 */
final class GroupCommit implements AutoCloseable {
    static final int MAX_ROWS = 1_000;
    static final long MAX_BYTES = 4L << 20;
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    static final String SWITCH_PROPERTY = "cairn.groupCommit";
    /** How long a batch may wait in the queue for its turn, unless set otherwise. */
    static final Duration QUEUE_WAIT = Duration.ofSeconds(20);
    /** A failed group is tried again batch by batch only if the database answered within this. */
    static final Duration RETRY_ALONE_WITHIN = Duration.ofSeconds(1);

    private final MessageStore store;
    private final boolean grouping;
    private final int maxRows;
    private final long maxBytes;
    private final long queueWaitNanos;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    // Guarded by lock: the batches not yet taken by a leader, and whether a caller leads (or is handed the lead).
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private boolean leading;
    private volatile boolean closed;

    GroupCommit(MessageStore store, boolean grouping, int maxRows, long maxBytes) {
        this(store, grouping, maxRows, maxBytes, QUEUE_WAIT);
    }

    GroupCommit(MessageStore store, boolean grouping, int maxRows, long maxBytes, Duration queueWait) {
        this(store, grouping, maxRows, maxBytes, queueWait, System::nanoTime);
    }

    /** @param nanoTime the clock that tells how long a failed group's commit took (tests give their own) */
    GroupCommit(MessageStore store, boolean grouping, int maxRows, long maxBytes, Duration queueWait,
            LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.store = store;
        this.grouping = grouping;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.queueWaitNanos = queueWait.toNanos();
    }

    /** Over a store, grouping unless the system property {@value #SWITCH_PROPERTY} is {@code false}. */
    static GroupCommit over(MessageStore store) {
        boolean grouping = !"false".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY));
        return new GroupCommit(store, grouping, MAX_ROWS, MAX_BYTES);
    }

    /**
     * Makes a batch durable, possibly in one transaction with other callers' batches, and returns once it
     * is committed. The caller may have to commit the batches of others first. An interrupt while the batch
     * is queued takes it back unwritten; once a leader has taken it, the caller waits for the outcome and
     * keeps the interrupt for later.
     *
     * @return the ids the store gave the batch's inserts, in the same order
     * @throws StoreException   if the batch's transaction failed (see {@link MessageStore#commit} for when
     *                          the outcome is in doubt)
     * @throws BrokerException  ({@link BrokerException.Kind#ILLEGAL_STATE}) once closed, or
     *                          ({@link BrokerException.Kind#RESOURCE}) when the queue wait ran out or the
     *                          caller was interrupted while queued; in each case nothing was written
     */
    long[] commit(StoreBatch batch) {
        if (closed) {
            throw closedError();
        }
        if (!grouping) {
            return store.commit(batch);
        }
        Request mine = new Request(batch);
        boolean leader;
        lock.lock();
        try {
            if (closed) {
                throw closedError();
            }
            waiting.add(mine);
            leader = !leading;
            leading = true;
        } finally {
            lock.unlock();
        }
        if (leader || awaitTurn(mine)) {
            lead(mine);
        }
        return mine.result();
    }

    /** Refuses new batches and waits up to {@link #CLOSE_WAIT} for those handed in to be committed. */
    @Override
    public void close() {
        close(CLOSE_WAIT);
    }

    /** As {@link #close()}, waiting at most {@code wait}; batches still queued then fail unwritten. */
    void close(Duration wait) {
        lock.lock();
        try {
            closed = true;
            long nanos = wait.toNanos();
            while ((leading || !waiting.isEmpty()) && nanos > 0) {
                nanos = drained.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // A commit under way still finishes and reports to its callers; only queued batches are dropped.
            for (Request request : waiting) {
                request.refused = true;
                request.finish();
            }
            waiting.clear();
            lock.unlock();
        }
    }

    /** Whether {@link #close()} has begun (for tests). */
    boolean isClosed() {
        return closed;
    }

    /** Number of batches queued for the next commit (for tests). */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parks until the batch is done or its caller is handed the lead; returns whether it was handed the
     * lead (then it must lead, if only to hand the lead on: its batch may have been refused by close
     * meanwhile). While the batch is still queued, the queue wait running out or an interrupt takes it back
     * unwritten; once a leader took it, the caller waits for the outcome and keeps the interrupt.
     */
    private boolean awaitTurn(Request mine) {
        boolean interrupted = false;
        boolean taken = false;
        long deadline = System.nanoTime() + queueWaitNanos;
        while (!mine.done && !mine.leads) {
            long left = deadline - System.nanoTime();
            if (!taken && (interrupted || left <= 0)) {
                if (withdraw(mine, interrupted)) {
                    break;
                }
                taken = true;
            }
            if (!taken) {
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this); // taken by a leader: its write is bounded by the statement timeouts
            }
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return mine.leads;
    }

    /** Takes a batch out of the queue if no leader has taken it yet; it fails, unwritten. */
    private boolean withdraw(Request mine, boolean interrupted) {
        lock.lock();
        try {
            if (mine.leads || !waiting.remove(mine)) {
                return false;
            }
            mine.failure = new BrokerException(BrokerException.Kind.RESOURCE, interrupted
                    ? "Interrupted while waiting for the store; the message was not written"
                    : "The store did not take the write within " + java.util.concurrent.TimeUnit.NANOSECONDS
                            .toMillis(queueWaitNanos) + " ms; the message was not written");
            mine.done = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commits groups from the head of the queue until the leader's own batch is done, then hands the lead
     * to the first caller still queued. Each caller is woken directly, not through the lock, so that a
     * finished group's callers do not wake one after another.
     */
    private void lead(Request mine) {
        // The leader works for others too: an interrupt of its own must not fail their transaction.
        boolean interrupted = Thread.interrupted();
        try {
            List<Request> group;
            while ((group = nextGroup(mine)) != null) {
                try {
                    write(group);
                } catch (Throwable unexpected) {
                    for (Request request : group) {
                        if (request.ids == null && request.failure == null) {
                            request.failure = unexpected;
                        }
                    }
                }
                group.forEach(Request::finish);
            }
        } finally {
            handOff();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next group to commit, or {@code null} once the leader's own batch is done. */
    private List<Request> nextGroup(Request mine) {
        lock.lock();
        try {
            return mine.done ? null : takeGroup();
        } finally {
            lock.unlock();
        }
    }

    private void handOff() {
        lock.lock();
        try {
            Request next = waiting.peek();
            if (next == null) {
                leading = false;
                drained.signalAll();
            } else {
                next.leads = true;
                LockSupport.unpark(next.owner);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The queue's head: at least one batch, more while they fit the bounds. Lock held. */
    private List<Request> takeGroup() {
        List<Request> group = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        while (!waiting.isEmpty()) {
            Request next = waiting.peek();
            if (!group.isEmpty() && (rows + next.rows > maxRows || bytes + next.bytes > maxBytes)) {
                break;
            }
            group.add(waiting.poll());
            rows += next.rows;
            bytes += next.bytes;
        }
        return group;
    }

    /** Commits a group in one transaction, or, if that fails, each of its batches alone. Lock not held. */
    private void write(List<Request> group) {
        if (group.size() == 1) {
            writeAlone(group.get(0));
            return;
        }
        StoreBatch merged = new StoreBatch();
        group.forEach(request -> merged.append(request.batch));
        long[] ids;
        long started = nanoTime.getAsLong();
        try {
            ids = store.commit(merged);
        } catch (Throwable failed) {
            if (failed instanceof StoreException e && e.isUnavailable()
                    && nanoTime.getAsLong() - started > RETRY_ALONE_WITHIN.toNanos()) {
                // The database did not answer in time: each batch alone would only wait as long again.
                group.forEach(request -> request.failure = failed);
            } else {
                group.forEach(this::writeAlone);
            }
            return;
        }
        // Committed: from here on nothing may be written again.
        if (ids == null || ids.length != merged.inserts().size()) {
            IllegalStateException bug = wrongIdCount(ids, merged);
            group.forEach(request -> request.failure = bug);
            return;
        }
        int from = 0;
        for (Request request : group) {
            int to = from + request.batch.inserts().size();
            request.ids = Arrays.copyOfRange(ids, from, to);
            from = to;
        }
    }

    private void writeAlone(Request request) {
        long[] ids;
        try {
            ids = store.commit(request.batch);
        } catch (Throwable failed) {
            request.failure = failed;
            return;
        }
        if (ids == null || ids.length != request.batch.inserts().size()) {
            request.failure = wrongIdCount(ids, request.batch);
        } else {
            request.ids = ids;
        }
    }

    private static IllegalStateException wrongIdCount(long[] ids, StoreBatch batch) {
        return new IllegalStateException("Store bug: " + (ids == null ? "no" : String.valueOf(ids.length))
                + " ids for " + batch.inserts().size() + " inserts of a committed batch");
    }

    private static BrokerException closedError() {
        return new BrokerException(BrokerException.Kind.ILLEGAL_STATE,
                "The broker is closed; the message was not written");
    }

    /** One caller's batch and its outcome. */
    private static final class Request {
        final StoreBatch batch;
        final Thread owner = Thread.currentThread();
        final int rows;
        final long bytes;
        // Written by the leader (or close) before done; read by the caller after it.
        long[] ids;
        Throwable failure;
        boolean refused;
        volatile boolean done;
        volatile boolean leads;

        Request(StoreBatch batch) {
            this.batch = batch;
            this.rows = batch.inserts().size() + batch.deletes().size() + batch.deliveryCounts().size();
            long size = 0;
            for (StoredMessage message : batch.inserts()) {
                size += length(message.body()) + length(message.properties());
            }
            this.bytes = size;
        }

        void finish() {
            done = true;
            if (owner != Thread.currentThread()) {
                LockSupport.unpark(owner);
            }
        }

        long[] result() {
            if (refused) {
                throw closedError();
            }
            if (failure instanceof BrokerException unwritten) {
                throw new BrokerException(unwritten.kind(), unwritten.getMessage(), unwritten);
            }
            if (failure != null) {
                // A new exception, so that the caller's own stack shows; the store's failure is its cause.
                String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
                throw new StoreException(message, failure);
            }
            return ids;
        }

        private static int length(byte[] bytes) {
            return bytes == null ? 0 : bytes.length;
        }
    }
}
