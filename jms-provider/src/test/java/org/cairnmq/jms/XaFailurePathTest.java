package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.cairnmq.engine.Broker;
import org.cairnmq.testing.FaultSwitchedStore;
import org.cairnmq.testing.FaultSwitchedStore.Operation;
import org.cairnmq.testing.FaultyDataSource;
import org.cairnmq.testing.PooledJpaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * XA prepare and phase two when the store fails: before it did the work, after it did (the answer lost),
 * or while it is slow. Each branch consumes one message from its "in" queue and sends one to its "out"
 * queue; the checks count what a consumer receives and what the queues hold, then restart the broker
 * over the same database and check that nothing comes back twice. Run on each database by a subclass.
 */
public abstract class XaFailurePathTest {
    private static final long WAIT_MILLIS = 10_000;
    /** How long a receive waits for a message that must not come. */
    private static final long ABSENT_MILLIS = 300;

    private String url;
    private FaultSwitchedStore store;
    private FaultyDataSource database;
    private ExecutorService deliveryThreads;
    private Broker broker;
    private XAConnection connection;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    /** A new, empty database; its JDBC URL. */
    protected abstract String newDatabase() throws Exception;

    @BeforeEach
    void start() throws Exception {
        url = newDatabase();
        open();
    }

    @AfterEach
    void stop() throws JMSException {
        callers.shutdownNow();
        close();
    }

    private void open() throws JMSException {
        store = new FaultSwitchedStore(PooledJpaStore.open(url, pool -> database = new FaultyDataSource(pool)));
        deliveryThreads = Executors.newCachedThreadPool();
        broker = Broker.start(store, deliveryThreads);
        connection = new JmsXAConnectionFactory(broker).createXAConnection();
        connection.start();
    }

    private void close() throws JMSException {
        store.heal();
        database.heal();
        connection.close();
        broker.close();
        deliveryThreads.shutdownNow();
    }

    private void restart() throws JMSException {
        close();
        open();
    }

    /** An ended branch that consumed the message of "in-NAME" and sent one to "out-NAME". */
    private record Branch(Xid xid, XAResource resource, String in, String out) {
        String name() {
            return in.substring("in-".length());
        }
    }

    /** The branch's send delivered once, its consumed message gone; nothing of it after a restart. */
    private void assertCommitted(Branch branch) throws JMSException, XAException {
        assertDeliveredOnce(branch.out, "sent by " + branch.name(), false);
        assertNothingIn(branch.in);
        assertNothingComesBackAfterRestart(branch);
    }

    /** The branch's consumed message delivered again, flagged, its send never; nothing of it after a restart. */
    private void assertRolledBack(Branch branch) throws JMSException, XAException {
        assertDeliveredOnce(branch.in, "consumed by " + branch.name(), true);
        assertNothingIn(branch.out);
        assertNothingComesBackAfterRestart(branch);
    }

    private Branch endedBranch(String name) throws JMSException, XAException {
        return endedBranch(name, XAResource.TMSUCCESS);
    }

    private Branch endedBranch(String name, int endFlags) throws JMSException, XAException {
        XASession session = connection.createXASession();
        Branch branch = consumingBranch(session, name);
        session.createProducer(session.createQueue(branch.out)).send(session.createTextMessage("sent by " + name));
        branch.resource.end(branch.xid, endFlags);
        return branch;
    }

    /** A branch, still associated with its session, that has consumed "consumed by {name}" from in-{name}. */
    private Branch consumingBranch(XASession session, String name) throws JMSException, XAException {
        String in = "in-" + name;
        sendPlain(in, "consumed by " + name);
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.of(name);
        resource.start(xid, XAResource.TMNOFLAGS);
        MessageConsumer consumer = session.createConsumer(session.createQueue(in));
        assertNotNull(consumer.receive(WAIT_MILLIS), "the branch's message to consume");
        consumer.close();
        return new Branch(xid, resource, in, "out-" + name);
    }

    private Branch preparedBranch(String name) throws JMSException, XAException {
        Branch branch = endedBranch(name);
        assertEquals(XAResource.XA_OK, branch.resource.prepare(branch.xid));
        return branch;
    }

    private void sendPlain(String queue, String text) throws JMSException {
        try (Session s = connection.createSession()) {
            s.createProducer(s.createQueue(queue)).send(s.createTextMessage(text));
        }
    }

    /** Every message the queue delivers until it stays empty for {@link #ABSENT_MILLIS}, acknowledged. */
    private List<Message> receiveAll(String queue, int expected) throws JMSException {
        List<Message> received = new ArrayList<>();
        try (Session s = connection.createSession()) {
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            while (received.size() < expected) {
                Message m = consumer.receive(WAIT_MILLIS);
                if (m == null) {
                    break;
                }
                received.add(m);
            }
            Message extra = consumer.receive(ABSENT_MILLIS);
            if (extra != null) {
                received.add(extra);
            }
        }
        return received;
    }

    /** The queue delivers exactly one message, with the text, flagged redelivered or not. */
    private void assertDeliveredOnce(String queue, String text, boolean redelivered) throws JMSException {
        List<Message> received = receiveAll(queue, 1);
        assertEquals(1, received.size(), "deliveries from " + queue);
        assertEquals(text, ((TextMessage) received.get(0)).getText());
        assertEquals(redelivered, received.get(0).getJMSRedelivered(), "JMSRedelivered");
        assertEquals(0, broker.queueDepth(queue));
    }

    private void assertNothingIn(String queue) throws JMSException {
        assertEquals(0, broker.queueDepth(queue), "depth of " + queue);
        assertEquals(List.of(), receiveAll(queue, 0), "deliveries from " + queue);
    }

    private List<Xid> recovered() throws JMSException, XAException {
        return Arrays.asList(connection.createXASession().getXAResource()
                .recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN));
    }

    private boolean recovers(Xid xid) throws JMSException, XAException {
        return recovered().stream().anyMatch(x -> Arrays.equals(x.getGlobalTransactionId(), xid.getGlobalTransactionId()));
    }

    private static int code(XAException e) {
        return e.errorCode;
    }

    /** After a restart over the same database: nothing of the branch back, nothing prepared. */
    private void assertNothingComesBackAfterRestart(Branch branch) throws JMSException, XAException {
        restart();
        assertNothingIn(branch.in);
        assertNothingIn(branch.out);
        assertEquals(List.of(), recovered());
    }

    @Test
    void prepareFailingBeforeTheStoreWroteItRollsTheBranchBack() throws Exception {
        Branch branch = endedBranch("prepare-before");
        store.failBefore(Operation.PREPARE, 1);

        XAException failed = assertThrows(XAException.class, () -> branch.resource.prepare(branch.xid));
        assertEquals(XAException.XA_RBCOMMFAIL, code(failed));
        assertFalse(recovers(branch.xid));
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class,
                () -> branch.resource.commit(branch.xid, false))));
        assertRolledBack(branch);
    }

    @Test
    void prepareFailingAfterTheStoreWroteItIsUndoneInTheStore() throws Exception {
        Branch branch = endedBranch("prepare-after");
        store.failAfter(Operation.PREPARE, 1);

        XAException failed = assertThrows(XAException.class, () -> branch.resource.prepare(branch.xid));
        assertEquals(XAException.XA_RBCOMMFAIL, code(failed));
        assertEquals(1, store.completedCalls(Operation.ROLLBACK_PREPARED), "the written prepare undone");
        assertFalse(recovers(branch.xid));
        assertRolledBack(branch);
    }

    @Test
    void prepareFailingWhenTheStoreCannotSayWhatItDidWaitsForRollback() throws Exception {
        Branch branch = endedBranch("prepare-unknown");
        store.failAfter(Operation.PREPARE, 1).failBefore(Operation.IS_PREPARED, 1);

        XAException failed = assertThrows(XAException.class, () -> branch.resource.prepare(branch.xid));
        assertEquals(XAException.XAER_RMFAIL, code(failed));
        assertTrue(recovers(branch.xid), "the store may hold it prepared");
        assertNothingIn(branch.in); // held by the branch until it is rolled back
        assertEquals(XAException.XAER_PROTO, code(assertThrows(XAException.class,
                () -> branch.resource.commit(branch.xid, false))), "only a rollback ends it");

        branch.resource.rollback(branch.xid);

        assertFalse(recovers(branch.xid));
        assertRolledBack(branch);
    }

    @Test
    void commitFailingBeforeTheStoreIsRetriedAndDeliversOnce() throws Exception {
        Branch branch = preparedBranch("commit-before");
        store.failBefore(Operation.COMMIT_PREPARED, 2);

        for (int attempt = 0; attempt < 2; attempt++) {
            XAException failed = assertThrows(XAException.class, () -> branch.resource.commit(branch.xid, false));
            assertEquals(XAException.XAER_RMFAIL, code(failed));
            assertTrue(recovers(branch.xid), "still prepared after a failed commit");
            assertEquals(0, broker.queueDepth(branch.out));
        }
        branch.resource.commit(branch.xid, false);

        assertEquals(1, store.completedCalls(Operation.COMMIT_PREPARED));
        assertFalse(recovers(branch.xid));
        assertDeliveredOnce(branch.out, "sent by commit-before", false);
        assertNothingIn(branch.in);
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class,
                () -> branch.resource.commit(branch.xid, false))));
        assertNothingComesBackAfterRestart(branch);
    }

    @Test
    void commitRetriedAfterTheStoreCommittedButTheAnswerWasLostFinishesWithoutCommittingAgain() throws Exception {
        Branch branch = preparedBranch("commit-after");
        store.failAfter(Operation.COMMIT_PREPARED, 1);

        XAException failed = assertThrows(XAException.class, () -> branch.resource.commit(branch.xid, false));
        assertEquals(XAException.XAER_RMFAIL, code(failed));
        assertTrue(recovers(branch.xid), "in doubt: still listed until a retry settles it");
        assertEquals(0, broker.queueDepth(branch.out));
        assertEquals(XAException.XAER_PROTO, code(assertThrows(XAException.class,
                () -> branch.resource.rollback(branch.xid))), "a begun commit is not turned into a rollback");

        branch.resource.commit(branch.xid, false);

        assertEquals(1, store.completedCalls(Operation.COMMIT_PREPARED), "applied once in the store");
        assertFalse(recovers(branch.xid));
        assertDeliveredOnce(branch.out, "sent by commit-after", false);
        assertNothingIn(branch.in);
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class,
                () -> branch.resource.commit(branch.xid, false))));
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class,
                () -> branch.resource.rollback(branch.xid))));
        assertNothingComesBackAfterRestart(branch);
    }

    @Test
    void commitThatFailedIsFinishedAfterARestart() throws Exception {
        Branch branch = preparedBranch("commit-restart");
        store.failBefore(Operation.COMMIT_PREPARED, 1);
        assertThrows(XAException.class, () -> branch.resource.commit(branch.xid, false));

        restart();
        XAResource recovering = connection.createXASession().getXAResource();
        assertTrue(recovers(branch.xid));
        recovering.commit(branch.xid, false);

        assertDeliveredOnce(branch.out, "sent by commit-restart", false);
        assertNothingComesBackAfterRestart(branch);
    }

    @Test
    void rollbackFailingBeforeTheStoreIsRetriedAndRedeliversOnce() throws Exception {
        Branch branch = preparedBranch("rollback-before");
        store.failBefore(Operation.ROLLBACK_PREPARED, 1);

        XAException failed = assertThrows(XAException.class, () -> branch.resource.rollback(branch.xid));
        assertEquals(XAException.XAER_RMFAIL, code(failed));
        assertTrue(recovers(branch.xid));
        assertNothingIn(branch.in); // still held by the prepared branch

        branch.resource.rollback(branch.xid);

        assertFalse(recovers(branch.xid));
        assertDeliveredOnce(branch.in, "consumed by rollback-before", true);
        assertNothingIn(branch.out);
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class,
                () -> branch.resource.rollback(branch.xid))));
        assertNothingComesBackAfterRestart(branch);
    }

    @Test
    void rollbackRetriedAfterTheStoreRolledBackButTheAnswerWasLostRedeliversOnce() throws Exception {
        Branch branch = preparedBranch("rollback-after");
        store.failAfter(Operation.ROLLBACK_PREPARED, 1);

        XAException failed = assertThrows(XAException.class, () -> branch.resource.rollback(branch.xid));
        assertEquals(XAException.XAER_RMFAIL, code(failed));
        assertTrue(recovers(branch.xid));
        assertEquals(XAException.XAER_PROTO, code(assertThrows(XAException.class,
                () -> branch.resource.commit(branch.xid, false))), "a begun rollback is not turned into a commit");

        branch.resource.rollback(branch.xid);

        assertEquals(1, store.completedCalls(Operation.ROLLBACK_PREPARED), "applied once in the store");
        assertFalse(recovers(branch.xid));
        assertRolledBack(branch);
    }

    @Test
    void secondCommitWhileTheFirstIsInTheStoreIsToldToRetry() throws Exception {
        Branch branch = preparedBranch("commit-twice");
        FaultSwitchedStore.Gate gate = store.blockNext(Operation.COMMIT_PREPARED);
        Future<?> first = callers.submit(() -> {
            branch.resource.commit(branch.xid, false);
            return null;
        });
        assertTrue(gate.awaitHeld(WAIT_MILLIS, TimeUnit.MILLISECONDS));

        XAResource other = connection.createXASession().getXAResource();
        assertEquals(XAException.XA_RETRY, code(assertThrows(XAException.class, () -> other.commit(branch.xid, false))));
        assertEquals(XAException.XAER_PROTO, code(assertThrows(XAException.class, () -> other.rollback(branch.xid))));
        assertEquals(XAException.XAER_PROTO, code(assertThrows(XAException.class, () -> other.forget(branch.xid))));
        assertTrue(recovers(branch.xid), "prepared in the store until the commit returns");
        gate.release();
        first.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);

        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class, () -> other.commit(branch.xid, false))));
        assertDeliveredOnce(branch.out, "sent by commit-twice", false);
        assertNothingComesBackAfterRestart(branch);
    }

    @Test
    void twoThreadsCommittingOneBranchDeliverItOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            Branch branch = preparedBranch("commit-race-" + round);
            XAResource other = connection.createXASession().getXAResource();
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (XAResource resource : List.of(branch.resource, other)) {
                outcomes.add(callers.submit(committing(resource, branch.xid, together)));
            }
            int committed = 0;
            for (Future<Integer> outcome : outcomes) {
                int code = outcome.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (code == XAResource.XA_OK) {
                    committed++;
                } else {
                    assertTrue(code == XAException.XA_RETRY || code == XAException.XAER_NOTA, "answer " + code);
                }
            }
            assertEquals(1, committed, "commits that returned normally");
            assertEquals(1, store.completedCalls(Operation.COMMIT_PREPARED) - round);
            assertDeliveredOnce(branch.out, "sent by commit-race-" + round, false);
        }
    }

    private static Callable<Integer> committing(XAResource resource, Xid xid, CyclicBarrier together) {
        return () -> {
            together.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            try {
                resource.commit(xid, false);
                return XAResource.XA_OK;
            } catch (XAException e) {
                return e.errorCode;
            }
        };
    }

    @Test
    void unknownAndCompletedBranchesAreNotKnown() throws Exception {
        XAResource resource = connection.createXASession().getXAResource();
        Xid never = TestXid.of("never-started");
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class, () -> resource.commit(never, false))));
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class, () -> resource.commit(never, true))));
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class, () -> resource.rollback(never))));

        Branch rolledBack = preparedBranch("completed-rollback");
        rolledBack.resource.rollback(rolledBack.xid);
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class,
                () -> rolledBack.resource.commit(rolledBack.xid, false))));
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class,
                () -> rolledBack.resource.rollback(rolledBack.xid))));
        assertDeliveredOnce(rolledBack.in, "consumed by completed-rollback", true);
    }

    @Test
    void aBlockedStoreCallOfOneBranchDoesNotHoldUpAnother() throws Exception {
        // Made before any store call is held: their plain sends must not queue behind a held write.
        Branch quick = endedBranch("quick");
        Branch slowPrepare = endedBranch("slow-prepare");
        Branch slowCommit = preparedBranch("slow-commit");
        Branch slowUndo = endedBranch("slow-undo", XAResource.TMFAIL);

        FaultSwitchedStore.Gate prepareGate = store.blockNext(Operation.PREPARE);
        Future<?> preparing = callers.submit(() -> slowPrepare.resource.prepare(slowPrepare.xid));
        assertTrue(prepareGate.awaitHeld(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        FaultSwitchedStore.Gate commitGate = store.blockNext(Operation.COMMIT_PREPARED);
        Future<?> committing = callers.submit(() -> {
            slowCommit.resource.commit(slowCommit.xid, false);
            return null;
        });
        assertTrue(commitGate.awaitHeld(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        // A rollback-only branch asked to prepare is rolled back: the attempt it consumed is recorded in the store.
        FaultSwitchedStore.Gate undoGate = store.blockNext(Operation.COMMIT);
        Future<Integer> undoing = callers.submit(() -> code(assertThrows(XAException.class,
                () -> slowUndo.resource.prepare(slowUndo.xid))));
        assertTrue(undoGate.awaitHeld(WAIT_MILLIS, TimeUnit.MILLISECONDS));

        // Meanwhile other branches go through start, end, prepare and commit, and recover answers.
        Future<?> others = callers.submit(() -> {
            assertEquals(XAResource.XA_OK, quick.resource.prepare(quick.xid));
            assertTrue(recovers(quick.xid));
            quick.resource.commit(quick.xid, false);
            XASession session = connection.createXASession();
            XAResource resource = session.getXAResource();
            Xid fresh = TestXid.of("fresh");
            resource.start(fresh, XAResource.TMNOFLAGS);
            session.createProducer(session.createQueue("out-fresh")).send(session.createTextMessage("sent by fresh"));
            resource.end(fresh, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, resource.prepare(fresh));
            resource.commit(fresh, false);
            return null;
        });
        others.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertFalse(preparing.isDone());
        assertFalse(committing.isDone());
        assertFalse(undoing.isDone());

        prepareGate.release();
        commitGate.release();
        undoGate.release();
        preparing.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        committing.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals(XAException.XA_RBROLLBACK, undoing.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        slowPrepare.resource.commit(slowPrepare.xid, false);
        assertDeliveredOnce("out-quick", "sent by quick", false);
        assertDeliveredOnce("out-fresh", "sent by fresh", false);
        assertDeliveredOnce(slowPrepare.out, "sent by slow-prepare", false);
        assertDeliveredOnce(slowCommit.out, "sent by slow-commit", false);
        assertDeliveredOnce(slowUndo.in, "consumed by slow-undo", true);
        assertNothingIn(slowUndo.out);
    }

    @Test
    void workEndedAfterItsBranchWasRolledBackIsUndoneToo() throws Exception {
        Branch branch = consumingBranch(connection.createXASession(), "late-end");

        connection.createXASession().getXAResource().rollback(branch.xid); // the transaction manager gave up on it
        branch.resource.end(branch.xid, XAResource.TMSUCCESS);

        assertDeliveredOnce(branch.in, "consumed by late-end", true);
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class,
                () -> branch.resource.prepare(branch.xid))));
    }

    @Test
    void onePhaseCommitFailingBeforeTheStoreRollsBack() throws Exception {
        Branch branch = endedBranch("one-phase-before");
        store.failBefore(Operation.COMMIT, 1);

        XAException failed = assertThrows(XAException.class, () -> branch.resource.commit(branch.xid, true));
        assertEquals(XAException.XA_RBCOMMFAIL, code(failed));
        assertDeliveredOnce(branch.in, "consumed by one-phase-before", true);
        assertNothingIn(branch.out);
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class,
                () -> branch.resource.commit(branch.xid, true))));
        assertNothingComesBackAfterRestart(branch);
    }

    @Test
    void onePhaseCommitRolledBackInTheStoreAfterItGaveIdsIsReportedRolledBack() throws Exception {
        Branch branch = endedBranch("one-phase-rolled-back");
        database.failCommits(1);

        XAException failed = assertThrows(XAException.class, () -> branch.resource.commit(branch.xid, true));
        assertEquals(XAException.XA_RBCOMMFAIL, code(failed));
        assertEquals(1, store.completedCalls(Operation.PRESENT_IDS), "the store asked what it did");
        assertEquals(0, broker.sendsInDoubt(), "the sends are not looked for later");
        assertDeliveredOnce(branch.in, "consumed by one-phase-rolled-back", true);
        assertNothingIn(branch.out);
        assertFalse(recovers(branch.xid));
        assertNothingComesBackAfterRestart(branch);
    }

    @Test
    void onePhaseCommitWhoseAnswerWasLostIsReportedCommittedAndDeliversTheSendOnce() throws Exception {
        Branch branch = endedBranch("one-phase-after");
        int written = store.completedCalls(Operation.COMMIT);
        store.failAfter(Operation.COMMIT, 1);

        branch.resource.commit(branch.xid, true);

        assertEquals(written + 1, store.completedCalls(Operation.COMMIT), "written once");
        assertEquals(0, broker.sendsInDoubt());
        assertFalse(recovers(branch.xid));
        assertEquals(XAException.XAER_NOTA, code(assertThrows(XAException.class,
                () -> branch.resource.commit(branch.xid, true))));
        assertCommitted(branch);
    }

    @Test
    void onePhaseCommitOfAcknowledgementsOnlyWhoseAnswerWasLostIsReportedCommitted() throws Exception {
        Branch branch = consumingBranch(connection.createXASession(), "ack-only");
        branch.resource.end(branch.xid, XAResource.TMSUCCESS);
        database.loseCommitAnswers(1);

        branch.resource.commit(branch.xid, true);

        assertNothingIn(branch.in);
        restart();
        assertNothingIn(branch.in);
    }

    @Test
    void onePhaseCommitTheStoreCannotSettleIsAHazardUntilACommitRetryFindsItCommitted() throws Exception {
        Branch branch = endedBranch("one-phase-hazard");
        int written = store.completedCalls(Operation.COMMIT);
        store.failAfter(Operation.COMMIT, 1).failBefore(Operation.PRESENT_IDS, 1);

        XAException failed = assertThrows(XAException.class, () -> branch.resource.commit(branch.xid, true));
        assertEquals(XAException.XA_HEURHAZ, code(failed));
        assertTrue(recovers(branch.xid), "a heuristic branch is listed until it is settled");
        assertEquals(0, broker.queueDepth(branch.out));
        assertNothingIn(branch.in); // held by the branch

        branch.resource.commit(branch.xid, true);

        assertEquals(written + 1, store.completedCalls(Operation.COMMIT), "not written again");
        assertFalse(recovers(branch.xid));
        assertCommitted(branch);
    }

    @Test
    void onePhaseCommitTheStoreCannotSettleIsForgottenOnceTheStoreSaysItRolledBack() throws Exception {
        Branch branch = endedBranch("one-phase-forget");
        database.failCommits(1);
        store.failBefore(Operation.PRESENT_IDS, 2);

        assertEquals(XAException.XA_HEURHAZ, code(assertThrows(XAException.class,
                () -> branch.resource.commit(branch.xid, true))));
        assertEquals(XAException.XAER_RMFAIL, code(assertThrows(XAException.class,
                () -> branch.resource.forget(branch.xid))), "the store still cannot say");
        assertTrue(recovers(branch.xid));

        branch.resource.forget(branch.xid);

        assertFalse(recovers(branch.xid));
        assertEquals(0, broker.sendsInDoubt());
        assertRolledBack(branch);
    }

    @Test
    void rollbackOfAHazardThatHadCommittedIsReportedHeuristicallyCommitted() throws Exception {
        Branch branch = endedBranch("one-phase-rollback");
        store.failAfter(Operation.COMMIT, 1).failBefore(Operation.PRESENT_IDS, 1);
        assertEquals(XAException.XA_HEURHAZ, code(assertThrows(XAException.class,
                () -> branch.resource.commit(branch.xid, true))));

        XAException rolledBack = assertThrows(XAException.class, () -> branch.resource.rollback(branch.xid));

        assertEquals(XAException.XA_HEURCOM, code(rolledBack));
        assertFalse(recovers(branch.xid));
        assertCommitted(branch);
    }
}
