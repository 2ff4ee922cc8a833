package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoredNode;
import org.cairnmq.store.StoredSubscription;

/**
 * How a topic's messages reach the non-durable subscriptions of the other nodes of a shared store
 * (docs/cluster.md): through relays to each node's own subscriptions, and through the store for shared
 * non-durable subscriptions, which the consumers of every node share.
 *
 * <p>A node with non-durable subscriptions on a topic keeps a <em>relay</em> in the store:
 * a hidden subscription to every message published on the topic, persistent or not. Every other node
 * writes what it publishes on the topic there too; this node claims those messages as a consumer would,
 * hands them to its own non-durable subscriptions, and deletes them.
 *
 * <p>A relay is stored as a subscription named after its topic, under the reserved client ID
 * {@value #CLIENT_ID_PREFIX} and the node's name. A node deletes its relay when its last non-durable
 * subscription on the topic ends; the relays of nodes whose lease ran out are deleted by the others; a node
 * that finds its relay gone (its lease lapsed meanwhile) makes it again.
 *
 * <p>A shared non-durable subscription is stored as a subscription under the reserved client ID
 * {@value #SHARED_PREFIX} (followed by a dot and the application's client ID, if it has one), and each node
 * with consumers on it records its <em>membership</em> (a subscription named {@value #MEMBER_PREFIX} and
 * the subscription's id, under the node's relay client ID). Every node writes what it publishes on the
 * topic there, and the members' consumers claim from it as from a queue. The last member to leave deletes
 * it; so do the other nodes, once its members' leases have run out.
 */
final class TopicRelays {
    private static final Logger LOG = Logger.getLogger(TopicRelays.class.getName());
    /** Client IDs of this prefix are the broker's own; applications may not use them. */
    static final String RESERVED_PREFIX = "$cairn.";
    /** Client IDs of this prefix name a node's relays and memberships. */
    static final String CLIENT_ID_PREFIX = "$cairn.node.";
    /** The client ID of shared non-durable subscriptions of no client ID; others add a dot and theirs. */
    static final String SHARED_PREFIX = "$cairn.shared";
    /** Names a node's membership of a shared non-durable subscription, with the subscription's id. */
    static final String MEMBER_PREFIX = "$member.";

    /** Hands relayed messages to this node's non-durable subscriptions and deletes them from the store. */
    interface Forwarder {
        void forward(String topic, List<QueuedMessage> relayed);
    }

    private final MessageStore store;
    private final StoreRecovery recovery;
    private final PageLoader pager;
    private final String clientId;
    private final Executor threads;
    private final DeliveryScheduler scheduler;
    private final LongSupplier now;
    private final Forwarder forwarder;
    private final java.util.function.BooleanSupplier leaseHolds;
    private final Object lock = new Object();
    private final Map<String, TopicRelay> own = new HashMap<>(); // guarded by lock: by topic
    // By subscription id; changed under lock, read without it: publishers must not wait on a refresh's
    // store read, which holds the lock.
    private final Map<Long, Target> others = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<Long> undeleted = new HashSet<>(); // guarded by lock: own relays ended but still stored
    // Guarded by lock: the shared non-durable subscriptions with consumers here, by id, with the id of this
    // node's membership; and those found with no member at the last pruning (deleted if still so at the next).
    private final Map<Long, Long> memberships = new HashMap<>();
    private Set<Long> unmembered = Set.of();

    TopicRelays(MessageStore store, StoreRecovery recovery, PageLoader pager, String nodeName, Executor threads,
            DeliveryScheduler scheduler, LongSupplier now, Forwarder forwarder,
            java.util.function.BooleanSupplier leaseHolds) {
        this.leaseHolds = leaseHolds;
        this.store = store;
        this.recovery = recovery;
        this.pager = pager;
        this.clientId = CLIENT_ID_PREFIX + nodeName;
        this.threads = threads;
        this.scheduler = scheduler;
        this.now = now;
        this.forwarder = forwarder;
    }

    /**
     * Whether a stored subscription is one of the broker's own (a relay, a shared non-durable subscription or
     * a membership of one) rather than an application's durable subscription.
     */
    static boolean isBrokers(StoredSubscription subscription) {
        return isReserved(subscription.clientId());
    }

    /** Whether a client ID is reserved for the broker's own subscriptions. */
    static boolean isReserved(String clientId) {
        return clientId != null && clientId.startsWith(RESERVED_PREFIX);
    }

    private static boolean isRelay(StoredSubscription s) {
        return s.clientId().startsWith(CLIENT_ID_PREFIX) && s.name().equals(s.topic());
    }

    private static boolean isShared(StoredSubscription s) {
        return s.clientId().startsWith(SHARED_PREFIX);
    }

    /** The id of the shared subscription a membership row is of; -1 if the row is no membership. */
    private static long memberOf(StoredSubscription s) {
        if (!s.clientId().startsWith(CLIENT_ID_PREFIX) || isRelay(s) || !s.name().startsWith(MEMBER_PREFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(s.name().substring(MEMBER_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String sharedClientId(String clientId) {
        return clientId == null ? SHARED_PREFIX : SHARED_PREFIX + "." + clientId;
    }

    /** Whether shared non-durable subscriptions are kept in the store, for the consumers of every node. */
    boolean sharesAcrossNodes() {
        return store.shared();
    }

    /**
     * The first consumer here of a shared non-durable subscription: joins it in the store (made there if no
     * node has it yet) as a member.
     *
     * @return the subscription's store id: the queue its consumers here claim from
     * @throws BrokerException {@code ILLEGAL_STATE} when consumers on another node use it with another topic
     *                         or selector; a store failure otherwise
     */
    long joinShared(String topic, String applicationClientId, String name, org.cairnmq.selector.Selector selector) {
        String owner = sharedClientId(applicationClientId);
        synchronized (lock) {
            for (int attempt = 0; ; attempt++) {
                List<StoredSubscription> all = recovery.call(store::loadSubscriptions);
                StoredSubscription existing = all.stream()
                        .filter(s -> owner.equals(s.clientId()) && name.equals(s.name())).findFirst().orElse(null);
                if (existing != null && (!existing.topic().equals(topic)
                        || !org.cairnmq.selector.Selector.parse(existing.selector()).equals(selector))) {
                    if (hasMembers(all, existing.id())) {
                        throw new BrokerException(BrokerException.Kind.ILLEGAL_STATE, "Shared subscription " + name
                                + " is in use on another node with another topic or selector");
                    }
                    delete(existing.id()); // no consumer anywhere: replaced, as the specification says
                    existing = null;
                }
                long id;
                if (existing != null) {
                    id = existing.id();
                } else {
                    try {
                        id = recovery.call(() -> store.saveSubscription(new StoredSubscription(0, topic, name, owner,
                                selector.text(), false, true)));
                    } catch (BrokerException e) {
                        if (e.kind() != BrokerException.Kind.RESOURCE || attempt >= 2) {
                            throw e;
                        }
                        continue; // another node made it meanwhile: join that one
                    }
                }
                long member = recovery.call(() -> store.saveSubscription(
                        new StoredSubscription(0, topic, MEMBER_PREFIX + id, clientId, null, false, false)));
                memberships.put(id, member);
                others.remove(id); // its consumers here claim from it; what is published here goes to it once
                return id;
            }
        }
    }

    /**
     * The last consumer here of a shared non-durable subscription closed: this node leaves it, and deletes
     * it with its messages if no other node is a member; else what is published here still goes to it.
     */
    void leaveShared(long id, String topic, org.cairnmq.selector.Selector selector) {
        Long member;
        synchronized (lock) {
            member = memberships.remove(id);
        }
        if (member == null) {
            return;
        }
        try {
            delete(member);
            if (!hasMembers(recovery.call(store::loadSubscriptions), id)) {
                delete(id);
                return;
            }
            synchronized (lock) {
                others.putIfAbsent(id, new Target(relayQueue(topic, id), selector));
            }
        } catch (BrokerException e) {
            LOG.warning("Could not leave shared subscription " + id + " in the store; trying again later: "
                    + e.getMessage());
            synchronized (lock) {
                undeleted.add(member);
            }
        }
    }

    private static boolean hasMembers(List<StoredSubscription> all, long id) {
        return all.stream().anyMatch(s -> memberOf(s) == id);
    }

    /**
     * A non-durable subscription on the topic begins here: the first one makes the topic's relay, so that
     * what the other nodes publish reaches it.
     *
     * @throws BrokerException when the store cannot record the relay; the subscription must not begin
     */
    void opened(String topic) {
        if (!store.shared()) {
            return;
        }
        synchronized (lock) {
            TopicRelay relay = own.get(topic);
            if (relay != null) {
                relay.subscriptions++;
                return;
            }
            relay = relay(topic, save(topic));
            relay.subscriptions = 1;
            own.put(topic, relay);
            relay.start();
        }
    }

    /** A non-durable subscription on the topic ended here: the last one deletes the topic's relay. */
    void closed(String topic) {
        TopicRelay ended;
        synchronized (lock) {
            TopicRelay relay = own.get(topic);
            if (relay == null || --relay.subscriptions > 0) {
                return;
            }
            own.remove(topic);
            ended = relay;
            ended.stop();
            undeleted.add(ended.id);
        }
        deleteEnded();
    }

    /** A queue of the store another node reads: a relay (of every message) or a shared subscription. */
    private record Target(QueueDestination queue, org.cairnmq.selector.Selector selector) {
        boolean accepts(String topic, OutgoingMessage send) {
            return queue.name().equals(topic)
                    && (selector.matchesEverything() || selector.matches(new MessageSelectorFields(send.message(), 1)));
        }
    }

    /**
     * The queues a message published here on the topic goes to besides the subscriptions here: the other
     * nodes' relays, and the shared subscriptions only other nodes consume whose selector it matches.
     */
    List<QueueDestination> targets(String topic, OutgoingMessage send) {
        if (!pager.clustered()) {
            // No other node is live, as far as this one knows yet: a copy would wait in memory here, claimed,
            // and reach the other node after later messages (Broker#refreshSubscriptions counts at once).
            return List.of();
        }
        if (others.isEmpty()) {
            return List.of();
        }
        List<QueueDestination> targets = new ArrayList<>();
        for (Target target : others.values()) {
            if (target.accepts(topic, send)) {
                targets.add(target.queue);
            }
        }
        return targets;
    }

    /** The store ids of the other nodes' queues of the topic known here, live or not (tests look into them). */
    Set<Long> otherNodesQueueIds(String topic) {
        synchronized (lock) {
            Set<Long> ids = new HashSet<>();
            others.forEach((id, target) -> {
                if (target.queue.name().equals(topic)) {
                    ids.add(id);
                }
            });
            return ids;
        }
    }

    /** Whether other nodes read queues of the store this node writes to: then they are live. */
    boolean othersRead() {
        synchronized (lock) {
            return !others.isEmpty();
        }
    }

    /** How many queues of other nodes a message on the topic goes to now (tests wait for them). */
    int otherNodesTargets(String topic) {
        if (!pager.clustered()) {
            return 0;
        }
        synchronized (lock) {
            return (int) others.values().stream().filter(t -> t.queue.name().equals(topic)).count();
        }
    }

    /** The relay queue, here or of another node, of this subscription id; null if none is known here. */
    QueueDestination queueOf(long subscriptionId) {
        synchronized (lock) {
            Target other = others.get(subscriptionId);
            if (other != null) {
                return other.queue;
            }
            for (TopicRelay relay : own.values()) {
                if (relay.id == subscriptionId) {
                    return relay.queue;
                }
            }
            return null;
        }
    }

    /** The relay queues here whose messages the store keeps: this node's own and the other nodes'. */
    List<QueueDestination> queues() {
        synchronized (lock) {
            List<QueueDestination> queues = new ArrayList<>();
            others.values().forEach(t -> queues.add(t.queue));
            own.values().forEach(r -> queues.add(r.queue));
            return queues;
        }
    }

    /**
     * Takes in the relays as the store has them now, reading them under this object's lock so that no relay
     * made here meanwhile is taken for gone: the other nodes' relays become targets of what is published
     * here; this node's relays that the store lost are made again; those it no longer uses are deleted.
     *
     * @return the stored subscriptions that are not relays: the applications' durable subscriptions
     */
    List<StoredSubscription> refresh() {
        List<StoredSubscription> applications = new ArrayList<>();
        List<QueueDestination> gone = new ArrayList<>();
        synchronized (lock) {
            Set<Long> stored = new HashSet<>();
            Set<Long> staleOwn = new HashSet<>();
            for (StoredSubscription s : recovery.call(store::loadSubscriptions)) {
                if (!isBrokers(s)) {
                    applications.add(s);
                    continue;
                }
                stored.add(s.id());
                if (clientId.equals(s.clientId())) {
                    staleOwn.add(s.id()); // unless a relay or membership in use here, below
                } else if ((isRelay(s) || isShared(s)) && !memberships.containsKey(s.id())
                        && !others.containsKey(s.id())) {
                    others.put(s.id(), new Target(relayQueue(s.topic(), s.id()),
                            org.cairnmq.selector.Selector.parse(s.selector())));
                }
            }
            for (var it = others.entrySet().iterator(); it.hasNext(); ) {
                var other = it.next();
                if (!stored.contains(other.getKey())) {
                    gone.add(other.getValue().queue);
                    it.remove();
                }
            }
            for (TopicRelay relay : List.copyOf(own.values())) {
                staleOwn.remove(relay.id);
                if (!stored.contains(relay.id) && leaseHolds.getAsBoolean()) { // else once it holds again
                    remake(relay);
                }
            }
            for (var it = memberships.entrySet().iterator(); it.hasNext(); ) {
                var membership = it.next();
                staleOwn.remove(membership.getValue());
                if (!stored.contains(membership.getKey())) {
                    it.remove();
                    staleOwn.add(membership.getValue());
                    LOG.warning("CAIRN-ENGINE-048 Shared subscription " + membership.getKey() + " was deleted by "
                            + "another node while consumers here used it; until they close, they receive only what "
                            + "is published through this node");
                }
            }
            undeleted.retainAll(stored);
            undeleted.addAll(staleOwn);
        }
        gone.forEach(QueueDestination::drain);
        deleteEnded();
        return applications;
    }

    /**
     * Deletes the relays of the nodes whose lease has run out: nothing reads them any more. Subscriptions are
     * read before the nodes, so that a node joining meanwhile, whose relays are made after its lease, is not
     * taken for gone.
     */
    void pruneDeparted() {
        if (!store.shared()) {
            return;
        }
        List<StoredSubscription> all = recovery.call(store::loadSubscriptions).stream()
                .filter(TopicRelays::isBrokers).toList();
        if (all.isEmpty()) {
            return;
        }
        Set<String> live = new HashSet<>();
        for (StoredNode node : recovery.call(store::nodes)) {
            if (node.live()) {
                live.add(CLIENT_ID_PREFIX + node.nodeName());
            }
        }
        Set<Long> membered = new HashSet<>();
        for (StoredSubscription s : all) {
            if (!s.clientId().startsWith(CLIENT_ID_PREFIX) || clientId.equals(s.clientId())) {
                continue;
            }
            if (live.contains(s.clientId())) {
                membered.add(memberOf(s));
            } else {
                LOG.info("CAIRN-ENGINE-046 Deleting " + (isRelay(s) ? "the relay of topic " + s.topic()
                        : "a membership of a shared subscription on topic " + s.topic()) + " kept for "
                        + s.clientId().substring(CLIENT_ID_PREFIX.length()) + ", whose lease has run out");
                delete(s.id());
            }
        }
        Set<Long> unmemberedNow = new HashSet<>();
        synchronized (lock) {
            membered.addAll(memberships.keySet());
            for (StoredSubscription s : all) {
                if (isShared(s) && !membered.contains(s.id())) {
                    unmemberedNow.add(s.id());
                }
            }
            // Twice in a row, not once: a node making one records its membership just after.
            Set<Long> before = unmembered;
            unmembered = unmemberedNow;
            unmemberedNow = new HashSet<>(unmemberedNow);
            unmemberedNow.retainAll(before);
        }
        for (long id : unmemberedNow) {
            LOG.info("CAIRN-ENGINE-046 Deleting shared subscription " + id + ": no live node has consumers on it");
            delete(id);
        }
    }

    /** This node stops: its relays go, with what waits in them. */
    void close() {
        synchronized (lock) {
            for (TopicRelay relay : own.values()) {
                relay.stop();
                undeleted.add(relay.id);
            }
            own.clear();
        }
        deleteEnded();
    }

    private long save(String topic) {
        return recovery.call(() -> store.saveSubscription(
                new StoredSubscription(0, topic, topic, clientId, null, false, false)));
    }

    /** Lock held: the store lost this relay (deleted while this node's lease had lapsed): a new one replaces it. */
    private void remake(TopicRelay relay) {
        relay.stop();
        own.remove(relay.topic);
        try {
            TopicRelay again = relay(relay.topic, save(relay.topic));
            again.subscriptions = relay.subscriptions;
            own.put(relay.topic, again);
            again.start();
            LOG.warning("CAIRN-ENGINE-047 The relay of topic " + relay.topic + " was deleted while this node's lease "
                    + "had run out; made again: what other nodes published on it meanwhile did not reach it");
        } catch (BrokerException e) {
            own.put(relay.topic, relay); // looked for again at the next refresh
            LOG.warning("Could not make the relay of topic " + relay.topic + " again: " + e.getMessage());
        }
    }

    /** Deletes this node's relays that ended; those the store refuses now are tried again at the next refresh. */
    private void deleteEnded() {
        List<Long> ids;
        synchronized (lock) {
            ids = List.copyOf(undeleted);
        }
        for (long id : ids) {
            try {
                delete(id);
                synchronized (lock) {
                    undeleted.remove(id);
                }
            } catch (BrokerException e) {
                LOG.warning("Could not delete an ended relay; trying again later: " + e.getMessage());
                return;
            }
        }
    }

    private void delete(long id) {
        recovery.call(() -> {
            store.deleteSubscription(id);
            return null;
        });
    }

    private TopicRelay relay(String topic, long id) {
        return new TopicRelay(topic, id, relayQueue(topic, id), threads, scheduler, now, forwarder);
    }

    private QueueDestination relayQueue(String topic, long id) {
        return QueueDestination.relay(DestinationAddress.topic(topic), id, pager);
    }
}
