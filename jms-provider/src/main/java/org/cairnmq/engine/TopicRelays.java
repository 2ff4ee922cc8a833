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
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredNode;
import org.cairnmq.store.StoredSubscription;

/**
 * How a topic's messages reach the non-durable subscriptions of the other nodes of a shared store
 * (docs/cluster.md). A node with non-durable subscriptions on a topic keeps a <em>relay</em> in the store:
 * a hidden subscription to every message published on the topic, persistent or not. Every other node
 * writes what it publishes on the topic there too; this node claims those messages as a consumer would,
 * hands them to its own non-durable subscriptions, and deletes them.
 *
 * <p>A relay is stored as a subscription named after its topic, under the reserved client ID
 * {@value #CLIENT_ID_PREFIX} and the node's name. A node deletes its relay when its last non-durable
 * subscription on the topic ends; the relays of nodes whose lease ran out are deleted by the others; a node
 * that finds its relay gone (its lease lapsed meanwhile) makes it again.
 */
final class TopicRelays {
    private static final Logger LOG = Logger.getLogger(TopicRelays.class.getName());
    /** Client IDs of this prefix name relays; applications may not use them. */
    static final String CLIENT_ID_PREFIX = "$cairn.node.";
    /** How many relayed messages go to the subscriptions here in one store transaction, at most. */
    private static final int BATCH = 256;
    private static final long RETRY_MILLIS = 1_000;

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
    private final Map<String, Relay> own = new HashMap<>(); // guarded by lock: by topic
    private final Map<Long, QueueDestination> others = new HashMap<>(); // guarded by lock: by subscription id
    private final Set<Long> undeleted = new HashSet<>(); // guarded by lock: own relays ended but still stored

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

    /** Whether a stored subscription is a relay (of any node) rather than an application's subscription. */
    static boolean isRelay(StoredSubscription subscription) {
        return isReserved(subscription.clientId());
    }

    /** Whether a client ID is reserved for relays. */
    static boolean isReserved(String clientId) {
        return clientId != null && clientId.startsWith(CLIENT_ID_PREFIX);
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
            Relay relay = own.get(topic);
            if (relay != null) {
                relay.subscriptions++;
                return;
            }
            relay = new Relay(topic, save(topic));
            relay.subscriptions = 1;
            own.put(topic, relay);
            relay.start();
        }
    }

    /** A non-durable subscription on the topic ended here: the last one deletes the topic's relay. */
    void closed(String topic) {
        Relay ended;
        synchronized (lock) {
            Relay relay = own.get(topic);
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

    /** The queues a message published here on the topic goes to besides the subscriptions here: other nodes' relays. */
    List<QueueDestination> targets(String topic) {
        synchronized (lock) {
            if (others.isEmpty()) {
                return List.of();
            }
            List<QueueDestination> targets = new ArrayList<>();
            for (QueueDestination queue : others.values()) {
                if (queue.name().equals(topic)) {
                    targets.add(queue);
                }
            }
            return targets;
        }
    }

    /** The relay queue, here or of another node, of this subscription id; null if none is known here. */
    QueueDestination queueOf(long subscriptionId) {
        synchronized (lock) {
            QueueDestination other = others.get(subscriptionId);
            if (other != null) {
                return other;
            }
            for (Relay relay : own.values()) {
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
            List<QueueDestination> queues = new ArrayList<>(others.values());
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
                if (!isRelay(s)) {
                    applications.add(s);
                    continue;
                }
                stored.add(s.id());
                if (clientId.equals(s.clientId())) {
                    staleOwn.add(s.id());
                } else if (!others.containsKey(s.id())) {
                    others.put(s.id(), relayQueue(s.topic(), s.id()));
                }
            }
            for (var it = others.entrySet().iterator(); it.hasNext(); ) {
                var other = it.next();
                if (!stored.contains(other.getKey())) {
                    gone.add(other.getValue());
                    it.remove();
                }
            }
            for (Relay relay : List.copyOf(own.values())) {
                staleOwn.remove(relay.id);
                if (!stored.contains(relay.id) && leaseHolds.getAsBoolean()) { // else once it holds again
                    remake(relay);
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
        List<StoredSubscription> relays = recovery.call(store::loadSubscriptions).stream()
                .filter(TopicRelays::isRelay).filter(s -> !clientId.equals(s.clientId())).toList();
        if (relays.isEmpty()) {
            return;
        }
        Set<String> live = new HashSet<>();
        for (StoredNode node : recovery.call(store::nodes)) {
            if (node.live()) {
                live.add(CLIENT_ID_PREFIX + node.nodeName());
            }
        }
        for (StoredSubscription relay : relays) {
            if (!live.contains(relay.clientId())) {
                LOG.info("CAIRN-ENGINE-046 Deleting the relay of topic " + relay.topic() + " kept for "
                        + relay.clientId().substring(CLIENT_ID_PREFIX.length()) + ", whose lease has run out");
                delete(relay.id());
            }
        }
    }

    /** This node stops: its relays go, with what waits in them. */
    void close() {
        synchronized (lock) {
            for (Relay relay : own.values()) {
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
    private void remake(Relay relay) {
        relay.stop();
        own.remove(relay.topic);
        try {
            Relay again = new Relay(relay.topic, save(relay.topic));
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

    private QueueDestination relayQueue(String topic, long id) {
        return QueueDestination.relay(DestinationAddress.topic(topic), id, pager);
    }

    /**
     * This node's relay of one topic: a receiver always in line on the relay queue, which hands what it
     * takes to the subscriptions here, a batch at a time, one batch after another.
     */
    private final class Relay implements Receiver {
        final String topic;
        final long id;
        final QueueDestination queue;
        int subscriptions; // guarded by the outer lock
        private final SerialExecutor serial = new SerialExecutor(threads);
        private final List<QueuedMessage> handed = new ArrayList<>(); // guarded by itself
        private volatile boolean stopped;
        private boolean retrying; // guarded by handed: a failed batch waits for its retry

        Relay(String topic, long id) {
            this.topic = topic;
            this.id = id;
            this.queue = relayQueue(topic, id);
            queue.readByBroker();
        }

        void start() {
            serial.execute(this::forwardReady);
        }

        void stop() {
            stopped = true;
            queue.leaveLine(this);
            queue.drain();
            synchronized (handed) {
                handed.forEach(QueuedMessage::releaseMemory);
                handed.clear();
            }
        }

        @Override
        public boolean accepts(QueuedMessage message) {
            return true;
        }

        @Override
        public void deliver(QueuedMessage message) {
            boolean now;
            synchronized (handed) {
                handed.add(message);
                now = !retrying;
            }
            if (stopped) {
                stop();
            } else if (now) {
                serial.execute(this::forwardReady);
            }
        }

        /** Forwards what was handed over and what is ready, until none is: then it waits in line. */
        private void forwardReady() {
            while (!stopped) {
                List<QueuedMessage> batch;
                synchronized (handed) {
                    if (retrying) {
                        return;
                    }
                    batch = new ArrayList<>(handed);
                    handed.clear();
                }
                boolean inLine = false;
                while (batch.size() < BATCH) {
                    QueuedMessage next = queue.takeOrWait(this);
                    if (next == null) {
                        inLine = true;
                        break;
                    }
                    batch.add(next);
                }
                if (!batch.isEmpty() && !forward(batch)) {
                    return;
                }
                if (inLine) {
                    return; // the next arrival is handed over, and forwarded then
                }
            }
        }

        /** @return whether to go on; if not, the batch waits for a retry */
        private boolean forward(List<QueuedMessage> batch) {
            try {
                forwarder.forward(topic, batch);
                return true;
            } catch (BrokerException e) {
                if (StoreException.causedByClaimsLost(e)) {
                    batch.forEach(QueuedMessage::releaseMemory); // another node took them over
                    return true;
                }
                LOG.warning("Could not forward messages relayed on topic " + topic + "; trying again: "
                        + e.getMessage());
                synchronized (handed) {
                    retrying = true;
                    handed.addAll(0, batch);
                }
                scheduler.at(now.getAsLong() + RETRY_MILLIS, () -> {
                    synchronized (handed) {
                        retrying = false;
                    }
                    serial.execute(this::forwardReady);
                });
                return false;
            }
        }
    }
}
