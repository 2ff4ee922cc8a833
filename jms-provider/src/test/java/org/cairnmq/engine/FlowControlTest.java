package org.cairnmq.engine;

import org.cairnmq.destination.DeliveryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.Topic;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.management.BrokerManagement;
import org.cairnmq.management.DestinationType;
import org.cairnmq.management.ManagementException;
import org.cairnmq.management.MemoryLimitView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Memory limits where nothing pages: non-persistent messages, temporary queues, non-durable subscriptions,
 * delayed messages and transactions hold memory until it is freed, and producers beyond a limit fail at
 * once or wait (bounded) for consumers to free room.
 */
class FlowControlTest {
    /** Each test message: a 1000-byte body, about 1.3 KB charged with its headers. */
    private static final int BODY = 1000;
    /** Room for a handful of test messages. */
    private static final long LIMIT = 10_000;
    /** Generous bound for anything the test waits for. */
    private static final long WAIT_MILLIS = 10_000;

    private EmbeddedBroker broker;
    private Connection connection;

    @AfterEach
    void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Session start(FlowControl flow) throws JMSException {
        return start(flow, BrokerOptions.DEFAULT_QUEUE_MEMORY_LIMIT);
    }

    private Session start(FlowControl flow, int queueMemoryLimit) throws JMSException {
        broker = EmbeddedBroker.builder().jdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .nodeName("flow-control-test").queueMemoryLimit(queueMemoryLimit).flowControl(flow).start();
        connection = broker.connectionFactory().createConnection();
        connection.start();
        return connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    private static FlowControl limits(long destinationBytes, FlowControl.OverflowPolicy policy) {
        return FlowControl.defaults().withBrokerLimitBytes(1_000_000).withDestinationDefaults(destinationBytes, policy);
    }

    private static BytesMessage message(Session session, int n) throws JMSException {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(new byte[BODY]);
        m.setIntProperty("n", n);
        return m;
    }

    private static MessageProducer nonPersistent(Session session, Destination to) throws JMSException {
        MessageProducer producer = session.createProducer(to);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        return producer;
    }

    /** Sends numbered messages until one is refused; returns how many were accepted. */
    private static int sendUntilRefused(Session session, MessageProducer producer, int from) throws JMSException {
        for (int n = from; n < from + 1_000; n++) {
            try {
                producer.send(message(session, n));
            } catch (ResourceAllocationException refused) {
                return n - from;
            }
        }
        throw new AssertionError("1000 sends were accepted: no limit was applied");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + WAIT_MILLIS + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }

    private MemoryBudget memory() {
        return broker.broker().memory();
    }

    @Test
    void failPolicyRefusesAtTheLimitKeepsWhatWasAcceptedAndAcceptsAgainOnceConsumed() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.FAIL));
        Queue queue = session.createQueue("flow.fail");
        MessageProducer producer = nonPersistent(session, queue);

        int accepted = sendUntilRefused(session, producer, 0);
        assertTrue(accepted >= 2, "some messages fit before the limit: " + accepted);
        assertTrue(broker.broker().memoryInUse() <= LIMIT);
        assertEquals(accepted, broker.broker().queueDepth("flow.fail"), "the refused send left no trace");

        MessageConsumer consumer = session.createConsumer(queue);
        Message first = consumer.receive(WAIT_MILLIS);
        assertEquals(0, first.getIntProperty("n"));
        producer.send(message(session, accepted)); // room again

        for (int n = 1; n <= accepted; n++) {
            Message next = consumer.receive(WAIT_MILLIS);
            assertNotNull(next, "message " + n + " was accepted and must arrive");
            assertEquals(n, next.getIntProperty("n"));
        }
        assertNull(consumer.receiveNoWait());
        assertEquals(0, broker.broker().memoryInUse(), "acknowledged messages hold no memory");
    }

    @Test
    void blockPolicyHoldsTheProducerUntilAConsumerFreesRoom() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.BLOCK).withBlockMillis(60_000));
        Queue queue = session.createQueue("flow.block");
        MessageProducer producer = nonPersistent(session, queue);
        int capacity = fill(session, producer);

        CountDownLatch sent = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread blocked = sendOnItsOwnThread(queue, capacity, sent, failure);
        await("the send waits for room", () -> memory().blockedSends() == 1);
        assertEquals(1, sent.getCount(), "the send has not returned while there is no room");
        assertEquals(capacity, broker.broker().queueDepth("flow.block"));

        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals(0, consumer.receive(WAIT_MILLIS).getIntProperty("n"));
        assertTrue(sent.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), "the consumer's acknowledgement let it through");
        blocked.join(WAIT_MILLIS);
        assertNull(failure.get());
        assertEquals(0, memory().blockedSends());
        for (int n = 1; n <= capacity; n++) {
            assertEquals(n, consumer.receive(WAIT_MILLIS).getIntProperty("n"));
        }
    }

    @Test
    void manyProducersThroughASmallLimitLoseNothingAndLeaveNothingCharged() throws Exception {
        Session session = start(limits(3 * LIMIT, FlowControl.OverflowPolicy.BLOCK).withBlockMillis(60_000));
        Queue queue = session.createQueue("flow.contended");
        int producers = 4;
        int each = 150;
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(producers);
        try {
            java.util.List<java.util.concurrent.Future<?>> sending = new java.util.ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int first = p * each;
                sending.add(threads.submit(() -> {
                    try (Session own = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                        MessageProducer producer = nonPersistent(own, queue);
                        for (int n = first; n < first + each; n++) {
                            producer.send(message(own, n));
                        }
                    }
                    return null;
                }));
            }
            MessageConsumer consumer = session.createConsumer(queue);
            java.util.Set<Integer> received = new java.util.HashSet<>();
            while (received.size() < producers * each) {
                Message m = consumer.receive(WAIT_MILLIS);
                assertNotNull(m, "received so far: " + received.size());
                assertTrue(received.add(m.getIntProperty("n")), "once each");
                assertTrue(broker.broker().memoryInUse() <= 3 * LIMIT);
            }
            for (java.util.concurrent.Future<?> f : sending) {
                f.get(WAIT_MILLIS, TimeUnit.MILLISECONDS); // none was refused
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(0, broker.broker().memoryInUse());
        assertEquals(0, memory().blockedSends());
    }

    @Test
    void blockPolicyFailsOnceTheWaitRunsOut() throws Exception {
        long wait = 300;
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.BLOCK).withBlockMillis(wait));
        Queue queue = session.createQueue("flow.block.bounded");
        MessageProducer producer = nonPersistent(session, queue);
        int capacity = fill(session, producer);

        long started = System.nanoTime();
        JMSException refused = assertThrows(JMSException.class, () -> producer.send(message(session, capacity)));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertInstanceOf(ResourceAllocationException.class, refused);
        assertTrue(waited >= wait - 50, "the send waited for room first: " + waited + " ms");
        assertEquals(capacity, broker.broker().queueDepth("flow.block.bounded"));
        assertEquals(0, memory().blockedSends());
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.BLOCK).withBlockMillis(60_000));
        Queue queue = session.createQueue("flow.interrupted");
        int capacity = fill(session, nonPersistent(session, queue));

        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread blocked = new Thread(() -> {
            try (Session own = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                try {
                    nonPersistent(own, queue).send(message(own, capacity));
                } catch (JMSException e) {
                    outcome.set(Thread.currentThread().isInterrupted() ? e : new AssertionError("interrupt lost", e));
                }
            } catch (Throwable t) {
                outcome.compareAndSet(null, t);
            }
            done.countDown();
        });
        blocked.start();
        await("the send waits for room", () -> memory().blockedSends() == 1);
        blocked.interrupt();
        assertTrue(done.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertInstanceOf(ResourceAllocationException.class, outcome.get());
        assertEquals(capacity, broker.broker().queueDepth("flow.interrupted"));
    }

    @Test
    void closingTheBrokerEndsTheWaitOfABlockedSend() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.BLOCK).withBlockMillis(600_000));
        Queue queue = session.createQueue("flow.closing");
        int capacity = fill(session, nonPersistent(session, queue));

        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread blocked = new Thread(() -> {
            try {
                Session own = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                nonPersistent(own, queue).send(message(own, capacity));
            } catch (Throwable t) {
                outcome.set(t);
            }
            done.countDown();
        });
        blocked.start();
        await("the send waits for room", () -> memory().blockedSends() == 1);
        connection = null; // goes with the broker
        EmbeddedBroker closing = broker;
        broker = null;
        closing.close();
        assertTrue(done.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), "the send did not wait out its 10 minutes");
        assertInstanceOf(ResourceAllocationException.class, outcome.get());
    }

    @Test
    void delayedMessagesCountUntilTheyAreConsumed() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.FAIL));
        Queue queue = session.createQueue("flow.delayed");
        MessageProducer producer = nonPersistent(session, queue);
        producer.setDeliveryDelay(3_600_000);

        int accepted = sendUntilRefused(session, producer, 0);
        assertTrue(accepted >= 2);
        assertEquals(0, broker.broker().queueDepth("flow.delayed"), "none is due yet: they wait on the timer");
        assertTrue(broker.broker().memoryInUse() > 0);
        assertTrue(broker.broker().memoryInUse() <= LIMIT);
    }

    @Test
    void delayedPersistentMessagesToADurableQueueCountAndPageOnceThereIsNoRoom() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.FAIL));
        Queue queue = session.createQueue("flow.delayed.persistent");
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(300);
        int count = 30; // far beyond the limit: the ones without room wait in the store
        for (int n = 0; n < count; n++) {
            producer.send(message(session, n));
        }
        long held = broker.broker().memoryInUse();
        assertTrue(held > 0 && held <= LIMIT, "the delayed messages kept in memory count: " + held);

        MessageConsumer consumer = session.createConsumer(queue);
        java.util.Set<Integer> received = new java.util.TreeSet<>();
        for (int i = 0; i < count; i++) {
            Message m = consumer.receive(WAIT_MILLIS);
            assertNotNull(m, "delivered in the end: " + received);
            received.add(m.getIntProperty("n"));
        }
        assertEquals(count, received.size());
        assertEquals(0, broker.broker().memoryInUse());
    }

    @Test
    void aBackedOffMessageKeepsCountingAndADeadLetteredOneMovesItsMemory() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.FAIL));
        broker.broker().setDeliveryPolicy("flow.backoff", new DeliveryPolicy(2, java.time.Duration.ofHours(1), 1.0,
                java.time.Duration.ofHours(1), "DLQ", null));
        broker.broker().setDeliveryPolicy("flow.poison", new DeliveryPolicy(1, java.time.Duration.ZERO, 1.0,
                java.time.Duration.ZERO, "flow.dead", null));
        nonPersistent(session, session.createQueue("flow.backoff")).send(message(session, 0));
        nonPersistent(session, session.createQueue("flow.poison")).send(message(session, 1));
        long held = broker.broker().memoryInUse();

        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        assertNotNull(transacted.createConsumer(transacted.createQueue("flow.backoff")).receive(WAIT_MILLIS));
        assertNotNull(transacted.createConsumer(transacted.createQueue("flow.poison")).receive(WAIT_MILLIS));
        transacted.rollback();

        await("the poison message is dead-lettered", () -> broker.broker().queueDepth("flow.dead") == 1);
        assertEquals(0, broker.broker().queueDepth("flow.backoff"), "waiting out its back-off on the timer");
        QueueDestination poison = broker.broker().existingQueue("flow.poison");
        QueueDestination backoff = broker.broker().existingQueue("flow.backoff");
        assertEquals(0, memory().used(poison), "dead-lettered: the original holds nothing");
        assertTrue(memory().used(backoff) > 0, "backed off: it still holds its memory");
        assertTrue(broker.broker().memoryInUse() >= held, "the dead-letter copy holds memory where it landed");

        assertNotNull(session.createConsumer(session.createQueue("flow.dead")).receive(WAIT_MILLIS));
        assertEquals(memory().used(backoff), broker.broker().memoryInUse());
    }

    @Test
    void anExpiredMessageThatIsDroppedGivesItsMemoryBack() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.FAIL));
        broker.broker().setDeliveryPolicy("flow.expiring", new DeliveryPolicy(10, java.time.Duration.ZERO, 1.0,
                java.time.Duration.ZERO, "DLQ", null));
        Queue queue = session.createQueue("flow.expiring");
        MessageProducer producer = nonPersistent(session, queue);
        producer.setTimeToLive(50);
        BytesMessage sent = message(session, 0);
        producer.send(sent);
        assertTrue(broker.broker().memoryInUse() > 0);

        long expiration = sent.getJMSExpiration();
        await("the message expired", () -> System.currentTimeMillis() > expiration + 10);
        assertNull(session.createConsumer(queue).receiveNoWait(), "found expired and dropped");
        assertEquals(0, broker.broker().memoryInUse());
    }

    @Test
    void aTemporaryQueueIsBoundedAndGivesItsMemoryBackWhenDeleted() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.FAIL));
        TemporaryQueue temporary = session.createTemporaryQueue();
        MessageProducer producer = session.createProducer(temporary); // persistent: a temporary queue cannot page

        int accepted = sendUntilRefused(session, producer, 0);
        assertTrue(accepted >= 2);
        assertTrue(broker.broker().memoryInUse() > 0);
        temporary.delete();
        assertEquals(0, broker.broker().memoryInUse());
    }

    @Test
    void aNonDurableSubscriptionIsBoundedAndGivesItsMemoryBackWhenClosed() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.FAIL));
        Topic topic = session.createTopic("flow.topic");
        MessageConsumer subscriber = session.createConsumer(topic); // never receives
        MessageProducer producer = session.createProducer(topic); // persistent, but nothing stores it

        int accepted = sendUntilRefused(session, producer, 0);
        assertTrue(accepted >= 2);
        assertTrue(broker.broker().memoryInUse() > 0);
        subscriber.close();
        assertEquals(0, broker.broker().memoryInUse());
        producer.send(message(session, accepted)); // no subscription: nothing held
        assertEquals(0, broker.broker().memoryInUse());
    }

    @Test
    void aRolledBackTransactionGivesBackWhatItsSendsHeld() throws Exception {
        Session plain = start(limits(LIMIT, FlowControl.OverflowPolicy.FAIL));
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = transacted.createQueue("flow.transacted");
        MessageProducer producer = transacted.createProducer(queue); // persistent: held in memory until commit

        int accepted = sendUntilRefused(transacted, producer, 0);
        assertTrue(accepted >= 2, "a transaction that never commits is bounded too");
        transacted.rollback();
        assertEquals(0, broker.broker().memoryInUse());

        producer.send(message(transacted, 0));
        transacted.commit();
        assertEquals(0, broker.broker().memoryInUse(), "committed persistent messages of a durable queue page");
        assertNotNull(plain.createConsumer(queue).receive(WAIT_MILLIS));
        assertEquals(0, broker.broker().queueDepth("flow.transacted"));
    }

    @Test
    void aCommitWhoseCopiesDoNotFitIsRolledBackAndHoldsNothing() throws Exception {
        Session session = start(FlowControl.defaults().withBrokerLimitBytes(LIMIT)
                .withDestinationDefaults(1_000_000, FlowControl.OverflowPolicy.FAIL));
        Topic topic = session.createTopic("flow.fanout");
        session.createConsumer(topic);
        session.createConsumer(topic); // each message lands twice at commit
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = nonPersistent(transacted, topic);
        producer.send(message(transacted, 0));
        long each = broker.broker().memoryInUse();
        int fits = (int) (LIMIT / each);
        for (int n = 1; n < fits; n++) {
            producer.send(message(transacted, n)); // held once each by the transaction: they fit
        }
        assertThrows(jakarta.jms.TransactionRolledBackException.class, transacted::commit);
        assertEquals(0, broker.broker().memoryInUse(), "rolled back: neither held nor landed");
    }

    @Test
    void aPreparedXaBranchHoldsMemoryUntilRolledBackOrCommittedAndConsumed() throws Exception {
        start(limits(LIMIT, FlowControl.OverflowPolicy.FAIL));
        try (jakarta.jms.XAConnection xaConnection = broker.xaConnectionFactory().createXAConnection()) {
            jakarta.jms.XASession session = xaConnection.createXASession();
            javax.transaction.xa.XAResource resource = session.getXAResource();
            Xid xid = new Xid("flow-rollback");
            resource.start(xid, javax.transaction.xa.XAResource.TMNOFLAGS);
            MessageProducer producer = nonPersistent(session, session.createQueue("flow.xa"));
            producer.send(message(session, 0));
            producer.send(message(session, 1));
            resource.end(xid, javax.transaction.xa.XAResource.TMSUCCESS);
            resource.prepare(xid);
            assertTrue(broker.broker().memoryInUse() > 0, "prepared sends hold their memory");
            resource.rollback(xid);
            assertEquals(0, broker.broker().memoryInUse());
            assertEquals(0, broker.broker().queueDepth("flow.xa"));

            Xid committed = new Xid("flow-commit");
            resource.start(committed, javax.transaction.xa.XAResource.TMNOFLAGS);
            producer.send(message(session, 2));
            resource.end(committed, javax.transaction.xa.XAResource.TMSUCCESS);
            resource.prepare(committed);
            resource.commit(committed, false);
            assertEquals(1, broker.broker().queueDepth("flow.xa"));
            assertTrue(broker.broker().memoryInUse() > 0, "committed: held until consumed");
            Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertEquals(2, plain.createConsumer(plain.createQueue("flow.xa")).receive(WAIT_MILLIS).getIntProperty("n"));
            assertEquals(0, broker.broker().memoryInUse());
        }
    }

    @Test
    void theBrokerLimitAppliesAcrossDestinations() throws Exception {
        Session session = start(FlowControl.defaults().withBrokerLimitBytes(LIMIT)
                .withDestinationDefaults(1_000_000, FlowControl.OverflowPolicy.FAIL));
        Queue a = session.createQueue("flow.a");
        Queue b = session.createQueue("flow.b");
        int accepted = sendUntilRefused(session, nonPersistent(session, a), 0);
        assertTrue(accepted >= 2);

        MessageProducer toB = nonPersistent(session, b);
        assertThrows(ResourceAllocationException.class, () -> toB.send(message(session, 0)),
                "queue b has room of its own, the broker has none");
        assertNotNull(session.createConsumer(a).receive(WAIT_MILLIS));
        toB.send(message(session, 0));
        assertEquals(1, broker.broker().queueDepth("flow.b"));
    }

    @Test
    void aDestinationOfItsOwnOverridesTheDefaultsByNameOrPrefix() throws Exception {
        Session session = start(limits(1_000_000, FlowControl.OverflowPolicy.BLOCK)
                .withDestination("small.*", LIMIT, FlowControl.OverflowPolicy.FAIL));
        int accepted = sendUntilRefused(session, nonPersistent(session, session.createQueue("small.one")), 0);
        assertTrue(accepted >= 2);
        assertTrue(broker.broker().memoryInUse() <= LIMIT);
    }

    @Test
    void persistentMessagesToADurableQueueStillPageRatherThanFail() throws Exception {
        int inMemory = 4;
        Session session = start(FlowControl.defaults().withBrokerLimitBytes(LIMIT)
                .withDestinationDefaults(LIMIT, FlowControl.OverflowPolicy.FAIL), inMemory);
        Queue queue = session.createQueue("flow.paged");
        MessageProducer producer = session.createProducer(queue);
        int count = 50; // far beyond both limits
        for (int n = 0; n < count; n++) {
            producer.send(message(session, n));
        }
        assertEquals(count, broker.broker().queueDepth("flow.paged"));
        assertTrue(broker.broker().queueMessagesInMemory("flow.paged") <= inMemory);
        assertEquals(0, broker.broker().memoryInUse());

        MessageConsumer consumer = session.createConsumer(queue);
        for (int n = 0; n < count; n++) {
            assertEquals(n, consumer.receive(WAIT_MILLIS).getIntProperty("n"));
        }
    }

    @Test
    void aMessageLargerThanTheLimitIsRefusedAtOnceEvenWhenBlocking() throws Exception {
        Session session = start(limits(LIMIT, FlowControl.OverflowPolicy.BLOCK).withBlockMillis(60_000));
        BytesMessage huge = session.createBytesMessage();
        huge.writeBytes(new byte[(int) LIMIT]);
        ResourceAllocationException refused = assertThrows(ResourceAllocationException.class,
                () -> nonPersistent(session, session.createQueue("flow.huge")).send(huge));
        assertTrue(refused.getMessage().contains("more than the memory limit"), refused.getMessage());
        assertEquals(0, broker.broker().memoryInUse());
    }

    /** Fills a queue with numbered messages (from 0) up to its limit without being refused; returns how many. */
    @Test
    void anOperatorsLimitWinsOverTheConfiguredOnesAndClearingItRestoresThem() throws Exception {
        Session session = start(limits(1_000_000, FlowControl.OverflowPolicy.BLOCK)
                .withDestination("operated.*", 500_000, FlowControl.OverflowPolicy.BLOCK)
                .withDestination("operated.queue", 400_000, FlowControl.OverflowPolicy.BLOCK));
        BrokerManagement management = broker.broker().management();
        management.createDestination(DestinationType.QUEUE, "operated.queue");
        assertEquals(new MemoryLimitView(400_000, "BLOCK", false, 0),
                management.memoryLimit(DestinationType.QUEUE, "operated.queue"), "the configured exact name");

        management.setMemoryLimit(DestinationType.QUEUE, "operated.queue", LIMIT, "FAIL");
        MessageProducer producer = nonPersistent(session, session.createQueue("operated.queue"));
        int accepted = sendUntilRefused(session, producer, 0);
        assertTrue(accepted >= 2 && accepted * 1_000L < LIMIT, "refused at the operator's limit: " + accepted);
        MemoryLimitView own = management.memoryLimit(DestinationType.QUEUE, "operated.queue");
        assertEquals(LIMIT, own.limitBytes());
        assertEquals("FAIL", own.policy());
        assertTrue(own.own());
        assertEquals(broker.broker().memoryInUse(), own.memoryBytes());
        assertTrue(own.memoryBytes() > 0 && own.memoryBytes() <= LIMIT, "held: " + own.memoryBytes());
        assertEquals(LIMIT, management.destination(DestinationType.QUEUE, "operated.queue").memoryLimitBytes());
        management.createDestination(DestinationType.QUEUE, "operated.other");
        assertEquals(500_000, management.memoryLimit(DestinationType.QUEUE, "operated.other").limitBytes(),
                "an exact name only: its prefix's other destinations keep theirs");

        management.clearMemoryLimit(DestinationType.QUEUE, "operated.queue");
        assertEquals(new MemoryLimitView(400_000, "BLOCK", false, own.memoryBytes()),
                management.memoryLimit(DestinationType.QUEUE, "operated.queue"));
        for (int n = accepted; n < 3 * accepted; n++) {
            producer.send(message(session, n)); // the configured 400 KB hold them all
        }
        assertEquals(3L * accepted, broker.broker().queueDepth("operated.queue"));
    }

    @Test
    void aLimitAnOperatorRaisesLetsInASendThatWaitsForRoom() throws Exception {
        Session session = start(limits(1_000_000, FlowControl.OverflowPolicy.BLOCK).withBlockMillis(60_000));
        BrokerManagement management = broker.broker().management();
        management.createDestination(DestinationType.QUEUE, "raised");
        management.setMemoryLimit(DestinationType.QUEUE, "raised", LIMIT, "BLOCK");
        Queue queue = session.createQueue("raised");
        int capacity = fill(session, nonPersistent(session, queue));

        CountDownLatch sent = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread blocked = sendOnItsOwnThread(queue, capacity, sent, failure);
        await("the send waits for room", () -> memory().blockedSends() == 1);

        management.setMemoryLimit(DestinationType.QUEUE, "raised", 10 * LIMIT, "BLOCK");
        assertTrue(sent.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), "the higher limit let it through");
        blocked.join(WAIT_MILLIS);
        assertNull(failure.get());
        assertEquals(capacity + 1L, broker.broker().queueDepth("raised"));
    }

    @Test
    void limitsAndPoliciesThatCannotWorkAreRefusedAndChangeNothing() throws Exception {
        start(limits(1_000_000, FlowControl.OverflowPolicy.BLOCK));
        BrokerManagement management = broker.broker().management();
        management.createDestination(DestinationType.TOPIC, "guarded");
        management.setMemoryLimit(DestinationType.TOPIC, "guarded", 8_192, "FAIL");
        MemoryLimitView before = management.memoryLimit(DestinationType.TOPIC, "guarded");

        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            assertInvalid(() -> management.setMemoryLimit(DestinationType.TOPIC, "guarded", bad, "FAIL"), "at least 1");
        }
        for (String bad : new String[] {null, "", "fail", "DROP", " BLOCK"}) {
            assertInvalid(() -> management.setMemoryLimit(DestinationType.TOPIC, "guarded", 4_096, bad), "BLOCK or FAIL");
        }
        assertEquals(before, management.memoryLimit(DestinationType.TOPIC, "guarded"));
        ManagementException missing = assertThrows(ManagementException.class,
                () -> management.setMemoryLimit(DestinationType.QUEUE, "guarded", 4_096, "FAIL"));
        assertEquals(ManagementException.Kind.NOT_FOUND, missing.kind(), "no queue of that name");
    }

    private static void assertInvalid(Runnable call, String explained) {
        ManagementException refused = assertThrows(ManagementException.class, call::run);
        assertEquals(ManagementException.Kind.INVALID, refused.kind());
        assertTrue(refused.getMessage().contains(explained), refused.getMessage());
    }

    /** Sends message {@code n} from a thread and session of its own: counts {@code sent} down, or keeps the failure. */
    private Thread sendOnItsOwnThread(Queue queue, int n, CountDownLatch sent, AtomicReference<Throwable> failure) {
        Thread sender = new Thread(() -> {
            try (Session own = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                nonPersistent(own, queue).send(message(own, n));
                sent.countDown();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        sender.start();
        return sender;
    }

    private int fill(Session session, MessageProducer producer) throws JMSException {
        producer.send(message(session, 0));
        long each = broker.broker().memoryInUse();
        int capacity = (int) (LIMIT / each);
        for (int n = 1; n < capacity; n++) {
            producer.send(message(session, n));
        }
        return capacity;
    }

    private record Xid(String name) implements javax.transaction.xa.Xid {
        @Override
        public int getFormatId() {
            return 4712;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }
}
