package org.cairnmq.engine;

import org.cairnmq.destination.DeliveryPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.cairnmq.selector.Selector;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredSubscription;
import org.cairnmq.store.PreparedTransaction;
import org.cairnmq.store.PreparedTransactionStore;

/**
 * The broker: its queues and topics ({@link DestinationRegistry}) and subscriptions ({@link Subscriptions}),
 * and the one place where sends and acknowledgements become durable in the {@link MessageStore} before they
 * take effect in memory ({@link WritePath}).
 */
public final class Broker implements AutoCloseable {
    private final MessageStore store;
    private final Executor deliveryThreads;
    private final DestinationRegistry destinations;
    private final ClientIds clientIds = new ClientIds();
    private final AtomicLong arrivalSequence = new AtomicLong();
    private final Subscriptions subscriptions;
    private final Clock clock;
    private final DeliveryScheduler scheduler;
    private final OperatorSettings settings;
    private final long settingsRereadMillis;
    private volatile DeliveryPolicy defaultPolicy = DeliveryPolicy.DEFAULT;
    private final XaResourceManager xa;
    private final GroupCommit writes;
    private final PageLoader pager;
    private final StoreRecovery recovery;
    private final Redelivery redelivery;
    private final NodeLease lease;
    private final WritePath writePath;
    private final MemoryBudget memory;
    private final ClusterMembership cluster;
    private final TopicRelays relays;

    private final String nodeName;
    private final EngineManagement management;
    private final long leaseMillis;
    /** How long the broker waits before it tries a failed removal of its own again (expiry, dead-lettering). */
    static final long STORE_RETRY_MILLIS = Long.getLong("cairn.store.retryMillis", 1_000);
    /**
     * On a shared store whose commits are heard of, how long at most a consumer waiting on an empty queue
     * goes between looks: a safety net for a notification lost with its connection.
     */
    static final long CLUSTER_POLL_HEARD_MILLIS = Long.getLong("cairn.cluster.pollMillis", 5_000);

    private Broker(MessageStore store, Executor deliveryThreads, Clock clock, BrokerOptions options) {
        this.nodeName = options.nodeName();
        this.leaseMillis = options.leaseMillis();
        this.settingsRereadMillis = options.settingsRereadMillis();
        this.settings = new OperatorSettings(this, store.destinationSettings().orElse(null));
        this.store = store;
        this.deliveryThreads = deliveryThreads;
        this.clock = clock;
        this.scheduler = new DeliveryScheduler(clock);
        this.xa = store instanceof PreparedTransactionStore prepared ? new XaResourceManager(this, prepared) : null;
        this.writes = GroupCommit.over(store);
        this.redelivery = new Redelivery(this, writes, scheduler);
        this.lease = new NodeLease(store, nodeName, leaseMillis, this::consumerCount);
        this.recovery = new StoreRecovery(store, scheduler, this::now, leaseMillis, deliveryThreads,
                this::deliverFoundInStore);
        this.pager = new PageLoader(store, scheduler, clock, options.queueMemoryLimit(), this::fromStore,
                lease::holdsClaims);
        this.relays = new TopicRelays(store, recovery, pager, nodeName, deliveryThreads, scheduler, this::now,
                this::forwardRelayed, lease::holdsClaims);
        this.subscriptions = new Subscriptions(store, pager, this::topic, recovery, this::restored, relays);
        this.destinations = new DestinationRegistry(pager, settings, subscriptions);
        this.management = new EngineManagement(this, destinations, new MessageOperations(this, store));
        this.memory = new MemoryBudget(options.flowControl());
        this.writePath = new WritePath(writes, recovery, memory, scheduler, this::now, this::targetsOf,
                arrivalSequence, pager::epoch);
        this.cluster = new ClusterMembership(store, pager, recovery, this::durableQueues, this::localQueue,
                this::existingLocalQueue, deliveryThreads, this::refreshSubscriptions, this::pruneDepartedRelays);
    }

    /**
     * Starts a broker over a store, reloading the subscriptions and messages the store holds.
     *
     * @param deliveryThreads runs message listeners; each session uses one thread of it at a time
     */
    public static Broker start(MessageStore store, Executor deliveryThreads) {
        return start(store, deliveryThreads, Clock.systemUTC());
    }

    /** As {@link #start(MessageStore, Executor)}, with the clock that decides expiry and delivery times. */
    public static Broker start(MessageStore store, Executor deliveryThreads, Clock clock) {
        return start(store, deliveryThreads, clock, BrokerOptions.defaults());
    }

    /** As {@link #start(MessageStore, Executor, Clock)}, set up with the options. */
    public static Broker start(MessageStore store, Executor deliveryThreads, Clock clock, BrokerOptions options) {
        Broker broker = new Broker(store, deliveryThreads, clock, options);
        broker.reload();
        return broker;
    }

    /** What operators see and do: destinations, statistics, messages and repairs. */
    public org.cairnmq.management.BrokerManagement management() {
        return management;
    }

    QueueDestination existingQueue(String name) {
        return destinations.existingQueue(name);
    }

    /** A destination recorded in the store: made in memory. */
    void materialize(boolean topic, String name) {
        destinations.materialize(topic, name);
    }

    /** A destination another instance deleted ({@link DestinationRegistry#forgetIfUnused}). */
    void forgetIfUnused(boolean topic, String name) {
        destinations.forgetIfUnused(topic, name);
    }

    List<Subscription> namedSubscriptions() {
        return subscriptions.named();
    }

    int consumersOf(Subscription subscription) {
        return subscriptions.consumersOf(subscription);
    }

    /** A stored message this instance has claimed (a page, start-up, management), as a message of the queue. */
    QueuedMessage fromStore(StoredMessage stored, QueueDestination queue) {
        return new QueuedMessage(arrivalSequence.incrementAndGet(), stored.id(), queue, StoredForm.fromStored(stored),
                stored.deliveryCount() + 1, pager.epoch());
    }

    /**
     * Estimated bytes of the messages that cannot page (non-persistent, of temporary queues and non-durable
     * subscriptions, waiting for their delivery time), held across the broker until acknowledged.
     */
    public long memoryInUse() {
        return memory.used();
    }

    MemoryBudget memory() {
        return memory;
    }

    /** Messages of a queue held in memory, ready for delivery; the rest of its depth only the store holds. */
    public int queueMessagesInMemory(String name) {
        QueueDestination queue = destinations.existingQueue(name);
        return queue == null ? 0 : queue.inMemory();
    }

    /** The policy of every destination that has none of its own. */
    public void setDefaultDeliveryPolicy(DeliveryPolicy policy) {
        defaultPolicy = java.util.Objects.requireNonNull(policy);
    }

    /**
     * Sets the policy of one queue, or of one topic (for all its subscriptions); {@code null} goes back to
     * the default. Kept in the store (when it keeps settings) before it takes effect, for every broker
     * instance sharing it (docs/failures-operator-state.md).
     *
     * @throws IllegalArgumentException when the policy's dead-letter queue is the destination itself
     * @throws BrokerException          {@code RESOURCE} when the store failed: the policy did not change
     */
    public void setDeliveryPolicy(String destination, DeliveryPolicy policy) {
        settings.setPolicy(destination, policy);
    }

    /** The policy in force for a queue or topic. */
    public DeliveryPolicy deliveryPolicy(String destination) {
        DeliveryPolicy own = settings.policy(destination);
        return own != null ? own : defaultPolicy;
    }

    /**
     * Sets the memory limit of one queue, or of each subscription of one topic; {@code null} goes back to
     * what {@link BrokerOptions#flowControl()} gives it. An operator's limit wins over that configuration
     * (exact name, prefix, default) and takes effect with the next send. Kept in the store like a policy.
     *
     * @throws BrokerException {@code RESOURCE} when the store failed: the limit did not change
     */
    public void setMemoryLimit(String destination, FlowControl.DestinationLimit limit) {
        settings.setMemoryLimit(destination, limit);
    }

    /** The memory limit an operator set on a destination; {@code null} when it has none. */
    public FlowControl.DestinationLimit ownMemoryLimit(String destination) {
        return settings.memoryLimit(destination);
    }

    /** The memory limit in force for a queue or topic: the operator's, else the configured one. */
    public FlowControl.DestinationLimit memoryLimit(String destination) {
        return memory.limitOf(destination);
    }

    /** Opens a connection: the identity sessions share for client ID and {@code noLocal}. */
    public EngineConnection connect() {
        return new EngineConnection(this);
    }

    /**
     * Opens a session on a connection of its own.
     *
     * @param transacted whether sends and acknowledgements wait for {@link EngineSession#commit}
     * @param started    whether consumers deliver at once, or only after {@link EngineSession#start}
     */
    public EngineSession createSession(boolean transacted, boolean started) {
        return connect().createSession(transacted, started);
    }

    /**
     * Sends whose store commit failed in a way that may have committed all the same, not yet looked for:
     * the broker looks for them every {@code cairn.store.retryMillis} until the store answers, and delivers
     * those it finds (docs/failures.md). Zero when nothing is in doubt.
     */
    public int sendsInDoubt() {
        return recovery.sendsInDoubt();
    }

    /** Number of messages ready for delivery on a queue; {@code 0} for a queue never used. */
    public long queueDepth(String name) {
        QueueDestination queue = destinations.existingQueue(name);
        return queue == null ? 0 : queue.depth();
    }

    /** Stops the scheduler and releases the store. Messages already committed stay there for the next start. */
    @Override
    public void close() {
        memory.close(); // wakes sends waiting for room: no consumer will make it now
        scheduler.close();
        relays.close(); // the other nodes stop writing for the non-durable subscriptions here
        pager.close();
        writes.close(); // commits the batches already handed in, refuses new ones
        cluster.giveUpUndelivered(); // what no consumer here took goes to the other nodes, not counted as delivered
        lease.close(); // gives up this node's claims
        store.close();
    }

    long now() {
        return clock.millis();
    }

    EngineXaResource xaResource(EngineSession session) {
        if (xa == null) {
            throw new BrokerException(BrokerException.Kind.RESOURCE, "This broker's store does not keep XA transactions");
        }
        return new EngineXaResource(session, xa);
    }

    /**
     * Deliveries were rolled back, recovered or left unacknowledged: delivered again after the policy's
     * back-off or moved to the dead-letter queue ({@link Redelivery}).
     */
    void redeliver(List<QueuedMessage> failed) {
        redelivery.redeliver(failed);
    }

    /** A message found expired: to the expiry queue, or dropped ({@link Redelivery}). */
    void expire(QueuedMessage expired) {
        redelivery.expire(expired);
    }

    /**
     * Runs the action on the broker's timer after the delay.
     *
     * @return cancels it if it has not run yet
     */
    Runnable later(long delayMillis, Runnable action) {
        return scheduler.at(now() + delayMillis, action);
    }

    /** Actions waiting on the broker's timer (delayed deliveries, back-offs, XA timeouts, the lease). */
    int pendingTimers() {
        return scheduler.pending();
    }

    Executor deliveryThreads() {
        return deliveryThreads;
    }

    /**
     * Whether a queue or topic named by a client comes into being on first use (the default, as in
     * Artemis), or must have been created with {@link #createQueue}/{@link #createTopic} first.
     */
    public void setAutoCreateDestinations(boolean autoCreate) {
        destinations.setAutoCreate(autoCreate);
    }

    /**
     * Creates a queue if it does not exist, recorded in the store (when it keeps settings) so that it exists
     * after a restart and on every instance sharing the store, even while empty.
     *
     * @throws BrokerException {@code INVALID_DESTINATION} for a name the store cannot keep or a temporary
     *                         destination's name; {@code RESOURCE} when the store failed (nothing created)
     */
    public void createQueue(String name) {
        destinations.createQueue(name);
    }

    /** Creates a topic if it does not exist; as {@link #createQueue}. */
    public void createTopic(String name) {
        destinations.createTopic(name);
    }

    /** The queue or topic a client names, created on first use if that is allowed. */
    QueueDestination clientQueue(String name, EngineConnection user, boolean consuming) {
        return destinations.clientQueue(name, user, consuming);
    }

    TopicDestination clientTopic(String name, EngineConnection user, boolean consuming) {
        return destinations.clientTopic(name, user, consuming);
    }

    /** A temporary queue or topic of the connection; it lives as long as the connection. */
    DestinationAddress createTemporary(DestinationAddress.Kind kind, EngineConnection owner) {
        return destinations.createTemporary(kind, owner);
    }

    /** Deletes a temporary destination; refused while it has consumers. */
    void deleteTemporary(DestinationAddress address, EngineConnection owner) {
        destinations.deleteTemporary(address, owner);
    }

    void dropTemporaries(EngineConnection owner) {
        destinations.dropTemporaries(owner);
    }

    QueueDestination queue(String name) {
        return destinations.queue(name);
    }

    TopicDestination topic(String name) {
        return destinations.topic(name);
    }

    void claimClientId(String clientId, EngineConnection connection) {
        clientIds.claim(clientId, connection);
    }

    void releaseClientId(String clientId, EngineConnection connection) {
        clientIds.release(clientId, connection);
    }

    /** A subscription of one consumer, gone when the consumer closes ({@link Subscriptions}). */
    Subscription subscribe(String topic, Selector selector, boolean noLocal, EngineConnection connection) {
        clientTopic(topic, connection, true);
        return subscriptions.subscribe(topic, selector, noLocal, connection);
    }

    /** Joins, creates or replaces a named subscription, and counts the consumer in ({@link Subscriptions}). */
    Subscription subscribeNamed(SubscriptionKey key, String topic, Selector selector, boolean noLocal, boolean shared,
            EngineConnection connection) {
        clientTopic(topic, connection, true);
        return subscriptions.subscribeNamed(key, topic, selector, noLocal, shared, connection);
    }

    /** A consumer of a subscription closed; non-durable subscriptions end with their last consumer. */
    void release(Subscription subscription) {
        subscriptions.release(subscription);
    }

    /** Deletes a durable subscription and its messages. */
    void unsubscribe(String clientId, String name) {
        subscriptions.unsubscribe(clientId, name);
    }

    /**
     * Charges a send that a local transaction holds until it commits, against its queue's or topic's limit
     * and the broker's; waits or refuses as the destination's policy says.
     *
     * @return the charge, or {@code null} for a temporary destination deleted since
     */
    MemoryCharge holdPending(OutgoingMessage send) {
        String name = send.to().name();
        boolean toQueue = send.to().kind() == DestinationAddress.Kind.QUEUE;
        // A temporary destination is not brought back by its name: deleted since, the send goes nowhere.
        MemoryBudget.Usage usage;
        if (toQueue) {
            QueueDestination queue = destinations.isTemporary(name) ? destinations.existingQueue(name) : queue(name);
            usage = queue == null ? null : queue.memory;
        } else {
            TopicDestination topic = destinations.isTemporary(name) ? destinations.existingTopic(name) : topic(name);
            usage = topic == null ? null : topic.pending;
        }
        if (usage == null) {
            return null;
        }
        return memory.admitPending(usage, (toQueue ? "queue " : "topic ") + name, name,
                MessageSize.of(send.message()));
    }

    /**
     * Makes sends and acknowledgements durable in one store transaction, then applies them in memory
     * ({@link WritePath#complete}).
     */
    void complete(List<OutgoingMessage> sends, List<QueuedMessage> acknowledged) {
        writePath.complete(sends, acknowledged);
    }

    /** As {@link #complete}, for the broker's own removals (expiry, dead-lettering, management). */
    void write(List<OutgoingMessage> sends, List<QueuedMessage> removed) {
        writePath.write(sends, removed);
    }

    /** Commits routed work, then makes its arrivals deliverable ({@link WritePath#commit}). */
    void commit(WritePath.Work work) {
        writePath.commit(work);
    }

    /** Asks the store whether work whose commit failed committed, and applies it if so ({@link WritePath#settle}). */
    boolean settle(WritePath.Work work) {
        return writePath.settle(work);
    }

    /** Decides where each send goes and what the store must write ({@link WritePath#route}). */
    WritePath.Work route(List<OutgoingMessage> sends, List<QueuedMessage> acknowledged, boolean mayPage) {
        return writePath.route(sends, acknowledged, mayPage, false);
    }

    WritePath.Work route(List<OutgoingMessage> sends, List<QueuedMessage> acknowledged, boolean mayPage,
            boolean forced) {
        return writePath.route(sends, acknowledged, mayPage, forced);
    }

    List<QueuedMessage> arrivals(WritePath.Work work, long[] ids) {
        return writePath.arrivals(work, ids);
    }

    void deliverAll(List<QueuedMessage> arrived) {
        writePath.deliverAll(arrived);
    }

    /** Whether other nodes are live on this broker's store now ({@link PageLoader#clustered}). */
    boolean clustered() {
        return pager.clustered();
    }

    /**
     * The sends of a prepared XA branch that committed: delivered from memory; on a store nodes may share,
     * the store made the stored ones claimable by any node (see {@link MessageStore#shared}), so they are
     * claimed from there, by whichever node's consumers ask first.
     */
    void deliverCommitted(List<QueuedMessage> arrived) {
        if (!store.shared()) {
            writePath.deliverAll(arrived);
            return;
        }
        Map<QueueDestination, Integer> stored = new java.util.LinkedHashMap<>();
        for (QueuedMessage message : arrived) {
            if (message.persistent()) {
                message.releaseMemory();
                stored.merge(message.queue, 1, Integer::sum);
            } else {
                writePath.makeDeliverable(message);
            }
        }
        stored.forEach(QueueDestination::arrivedInStore);
    }

    void enqueueAt(long time, QueuedMessage message) {
        writePath.enqueueAt(time, message);
    }

    /** A send whose write was in doubt, found in the store: it was sent after all. */
    private void deliverFoundInStore(StoredMessage stored, QueueDestination queue) {
        queue.statistics.enqueued.incrementAndGet();
        writePath.makeDeliverable(fromStore(stored, queue));
    }

    private List<QueueDestination> targetsOf(OutgoingMessage send) {
        String name = send.to().name();
        if (destinations.isDeletedTemporary(name)) {
            return List.of(); // deleted since the send; its messages die with it
        }
        if (send.to().kind() == DestinationAddress.Kind.QUEUE) {
            return List.of(queue(name));
        }
        List<QueueDestination> here = topic(name).route(send);
        List<QueueDestination> otherNodes = relays.targets(name, send);
        if (otherNodes.isEmpty()) {
            return here;
        }
        List<QueueDestination> all = new ArrayList<>(here);
        all.addAll(otherNodes);
        return all;
    }

    /**
     * Messages other nodes published on a topic, relayed here ({@link TopicRelays}): to the non-durable
     * subscriptions here, in one store transaction that deletes them from the relay. Those expired on the
     * way are only deleted. When the subscriptions here have no room and refuse them, they are dropped, as a
     * send here would have been refused.
     */
    private void forwardRelayed(String topic, List<QueuedMessage> relayed) {
        long now = now();
        List<OutgoingMessage> sends = new ArrayList<>();
        for (QueuedMessage m : relayed) {
            long expiration = m.message().headers().expiration();
            if (expiration == 0 || expiration > now) {
                sends.add(new OutgoingMessage(DestinationAddress.topic(topic), m.message(), null, null));
            }
        }
        java.util.function.Function<OutgoingMessage, List<QueueDestination>> nonDurableHere = send -> topic(topic)
                .route(send).stream().filter(q -> !q.durable()).toList();
        WritePath.Work work;
        try {
            work = writePath.route(sends, relayed, false, false, nonDurableHere);
        } catch (BrokerException refused) {
            java.util.logging.Logger.getLogger(Broker.class.getName()).warning("Dropped " + sends.size()
                    + " message(s) other nodes published on topic " + topic + ": " + refused.getMessage());
            work = writePath.route(List.of(), relayed, false, true);
        }
        writePath.commit(work);
    }

    /** How many consumers this broker has: what the other nodes see of it. */
    private int consumerCount() {
        return management.consumers().size();
    }

    /** Every queue here whose persistent messages the store keeps: queues and durable subscriptions. */
    private List<QueueDestination> durableQueues() {
        List<QueueDestination> queues = new ArrayList<>();
        for (String name : destinations.queueNames()) {
            QueueDestination queue = destinations.existingQueue(name);
            if (queue != null && queue.durable()) {
                queues.add(queue);
            }
        }
        for (Subscription subscription : subscriptions.named()) {
            if (subscription.queue.durable()) { // durable subscriptions, and shared ones the nodes share
                queues.add(subscription.queue);
            }
        }
        queues.addAll(relays.queues());
        return queues;
    }

    /** The queue, or durable subscription, here that stored messages belong to; null if none is here yet. */
    private QueueDestination existingLocalQueue(org.cairnmq.store.StoredQueue stored) {
        return stored.subscriptionId() == 0 ? destinations.existingQueue(stored.destination())
                : subscriptionQueue(stored.subscriptionId());
    }

    /** The queue here of a durable subscription or of a topic's relay; null if none is here. */
    private QueueDestination subscriptionQueue(long subscriptionId) {
        QueueDestination queue = subscriptions.queueOf(subscriptionId);
        return queue != null ? queue : relays.queueOf(subscriptionId);
    }

    /** Takes in the durable subscriptions other nodes created or deleted. */
    void refreshSubscriptions() {
        try {
            subscriptions.refresh(relays.refresh());
            if (!pager.clustered() && relays.othersRead()) {
                // Another node subscribed before this one's renewal counted it: count it now, so that what is
                // published here goes to the store for it at once.
                cluster.otherNodes(recovery.call(store::otherNodes));
            }
        } catch (BrokerException e) {
            java.util.logging.Logger.getLogger(Broker.class.getName()).warning(
                    "Could not read the durable subscriptions other nodes changed; reading them at the next change: "
                            + e.getMessage());
        }
    }

    /** A durable subscription as the store keeps it, made in memory with no consumer. */
    private Subscription restored(StoredSubscription stored) {
        SubscriptionKey key = new SubscriptionKey(true, stored.clientId(), stored.name());
        QueueDestination queue = new QueueDestination(DestinationAddress.topic(stored.topic()), stored.id(), true,
                pager);
        return new Subscription(key, stored.topic(), Selector.parse(stored.selector()), stored.noLocal(),
                stored.shared(), queue, null, stored.clientId());
    }

    /** The queue, or this broker's durable subscription, that stored messages belong to; null if unknown here. */
    private QueueDestination localQueue(org.cairnmq.store.StoredQueue stored) {
        if (stored.subscriptionId() == 0) {
            return queue(stored.destination());
        }
        return subscriptionQueue(stored.subscriptionId());
    }

    /** Deletes the topic relays of nodes whose lease ran out ({@link TopicRelays#pruneDeparted}). */
    private void pruneDepartedRelays() {
        try {
            relays.pruneDeparted();
        } catch (BrokerException e) {
            java.util.logging.Logger.getLogger(Broker.class.getName()).warning(
                    "Could not delete the topic relays of departed nodes; trying again later: " + e.getMessage());
        }
    }

    private QueuedMessage reloaded(StoredMessage stored, Map<Long, QueueDestination> subscriptionQueues) {
        QueueDestination queue = stored.subscriptionId() == 0 ? queue(stored.destination())
                : subscriptionQueues.get(stored.subscriptionId());
        if (queue == null) {
            return null;
        }
        return fromStore(stored, queue);
    }

    /** The topic relays between this node and the others on a shared store (tests look into them). */
    TopicRelays relays() {
        return relays;
    }

        /** This broker's membership of its store (tests pause its renewals to make it lapse). */
    NodeLease lease() {
        return lease;
    }

    /** The instances registered in the store (a store call: its failure is the engine's error). */
    List<org.cairnmq.store.StoredNode> storedNodes() {
        return storeCall(store::nodes);
    }

    /** The name this instance registered under in its store. */
    String nodeName() {
        return nodeName;
    }

    /** A store call; its failure becomes the engine's error and starts an outage (see {@link StoreRecovery}). */
    <T> T storeCall(java.util.function.Supplier<T> call) {
        return recovery.call(call);
    }

    /**
     * Whether a listener must wait before taking {@code message}: while the store is down, a message whose
     * acknowledgement needs the store (persistent, on a durable queue) would only fail and come back, again
     * and again. Then {@code resume} runs once the store answers, and {@code true} is returned.
     */
    boolean pauseWhileStoreIsDown(QueuedMessage message, Runnable resume) {
        if (!message.message().headers().persistent() || !message.queue.durable()) {
            return false;
        }
        return recovery.resumeWhenAnswering(resume);
    }

    /** Tells the listener of each store outage (once per outage) until the owner is forgotten. */
    void listenForOutages(Object owner, java.util.function.Consumer<BrokerException> listener) {
        recovery.listen(owner, listener);
    }

    void forgetOutageListener(Object owner) {
        recovery.forget(owner);
    }

    private void reload() {
        Map<Long, QueueDestination> subscriptionQueues = new HashMap<>();
        for (StoredSubscription stored : store.loadSubscriptions()) {
            if (TopicRelays.isBrokers(stored)) {
                continue; // taken in below, once this node has joined
            }
            Subscription subscription = restored(stored);
            subscriptions.restore(subscription);
            subscriptionQueues.put(stored.id(), subscription.queue);
        }
        lease.join();
        if (store.shared()) { // before any page: a node joining others claims only what its consumers ask for
            pager.clustered(store.otherNodes() > 0);
            relays.pruneDeparted();
            relays.refresh(); // the live nodes' relays; this node's own, left from before, are deleted
            for (QueueDestination relay : relays.queues()) {
                subscriptionQueues.put(relay.subscriptionId(), relay);
            }
        }
        settings.restore(); // destinations created empty and policies, before messages find their queues
        // The default dead-letter and expiry queues exist from the start, for operators to look into.
        queue(DeliveryPolicy.DEFAULT.deadLetterQueue());
        queue(DeliveryPolicy.DEFAULT.expiryQueue());
        List<PreparedTransaction> prepared = xa == null ? List.of() : ((PreparedTransactionStore) store).loadPrepared();
        Map<PreparedTransaction, List<QueuedMessage>> held = new HashMap<>();
        for (PreparedTransaction tx : prepared) {
            // Acknowledged by a prepared branch: not deliverable unless that branch rolls back.
            List<QueuedMessage> messages = new ArrayList<>();
            for (StoredMessage stored : store.claimById(tx.acknowledged())) {
                QueuedMessage message = reloaded(stored, subscriptionQueues);
                if (message != null) {
                    messages.add(message);
                }
            }
            held.put(tx, messages);
        }
        for (org.cairnmq.store.StoredQueue stored : store.queuesWithMessages()) {
            QueueDestination queue = stored.subscriptionId() == 0 ? queue(stored.destination())
                    : subscriptionQueues.get(stored.subscriptionId());
            if (queue != null) { // null: its subscription was deleted; the rows go with it
                queue.pagedFromStore(store.countUnclaimed(stored));
                pager.loadNow(queue);
            }
        }
        for (PreparedTransaction tx : prepared) {
            List<QueuedMessage> arrivals = new ArrayList<>();
            for (StoredMessage send : tx.sends()) {
                QueuedMessage message = reloaded(send, subscriptionQueues);
                if (message != null) {
                    arrivals.add(message);
                }
            }
            xa.restore(tx.xid(), arrivals, held.getOrDefault(tx, List.of()));
        }
        lease.keep(cluster);
        if (store.shared()) {
            // Heard of, other nodes' sends need no quick look; unheard, a waiting consumer looks every second.
            pager.pollAtMost(store.listen(cluster) ? CLUSTER_POLL_HEARD_MILLIS : PageLoader.RETRY_MILLIS);
        }
        scheduler.at(now() + settingsRereadMillis, this::rereadSettings);
    }

    /** Every {@code settingsRereadMillis}: takes in what other instances sharing the store changed. */
    private void rereadSettings() {
        try {
            settings.reread();
            if (store.shared()) { // in case a notification was missed
                refreshSubscriptions();
                pruneDepartedRelays();
            }
        } finally {
            scheduler.at(now() + settingsRereadMillis, this::rereadSettings);
        }
    }
}
