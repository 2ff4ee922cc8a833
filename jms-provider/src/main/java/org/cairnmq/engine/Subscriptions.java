package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cairnmq.selector.Selector;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoredSubscription;

/**
 * The broker's topic subscriptions: each consumer's own, and the named ones (durable, kept in the store;
 * shared non-durable), with the consumers attached to each. Creating, joining, replacing and deleting
 * them, and the topics' lists of subscriptions, change under {@link #lock}.
 */
final class Subscriptions {
    /** Guards the named subscriptions, their consumer counts and the topics' subscription lists. */
    final Object lock = new Object();
    private final Map<SubscriptionKey, Subscription> named = new HashMap<>();
    private final MessageStore store;
    private final PageLoader pager;
    private final Function<String, TopicDestination> topics;
    private final StoreRecovery recovery;
    private final Function<StoredSubscription, Subscription> restore;
    private final TopicRelays relays;

    /**
     * @param topics  the topic of a name, created if need be
     * @param restore a durable subscription the store keeps, made in memory
     */
    Subscriptions(MessageStore store, PageLoader pager, Function<String, TopicDestination> topics,
            StoreRecovery recovery, Function<StoredSubscription, Subscription> restore, TopicRelays relays) {
        this.restore = restore;
        this.relays = relays;
        this.store = store;
        this.pager = pager;
        this.topics = topics;
        this.recovery = recovery;
    }

    /** A durable subscription read back from the store at start. */
    void restore(Subscription subscription) {
        synchronized (lock) {
            named.put(subscription.key, subscription);
            topics.apply(subscription.topic).add(subscription);
        }
    }

    /**
     * Takes in the durable subscriptions as the store has them now (other nodes created or deleted some):
     * those new here are added; those gone are removed here unless a consumer here still reads them.
     */
    void refresh(List<StoredSubscription> stored) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        List<Subscription> removed = new ArrayList<>();
        synchronized (lock) {
            for (StoredSubscription s : stored) {
                if (TopicRelays.isBrokers(s)) {
                    continue; // not an application's subscription: TopicRelays keeps those
                }
                ids.add(s.id());
                Subscription existing = named.get(new SubscriptionKey(true, s.clientId(), s.name()));
                if (existing == null) {
                    restore(restore.apply(s));
                }
            }
            for (Subscription s : new ArrayList<>(named.values())) {
                if (s.durable() && !ids.contains(s.queue.subscriptionId()) && s.consumers() == 0) {
                    topics.apply(s.topic).remove(s);
                    named.remove(s.key);
                    removed.add(s);
                }
            }
        }
        removed.forEach(s -> s.queue.drain());
    }

    List<Subscription> named() {
        synchronized (lock) {
            return new ArrayList<>(named.values());
        }
    }

    int consumersOf(Subscription subscription) {
        synchronized (lock) {
            return subscription.consumers();
        }
    }

    /** The queue of the durable subscription with this store id; {@code null} if there is none here. */
    QueueDestination queueOf(long subscriptionId) {
        synchronized (lock) {
            for (Subscription s : named.values()) {
                if (s.queue.subscriptionId() == subscriptionId) {
                    return s.queue;
                }
            }
        }
        return null;
    }

    /** A subscription of one consumer, gone when the consumer closes. */
    Subscription subscribe(String topic, Selector selector, boolean noLocal, EngineConnection connection) {
        QueueDestination queue = new QueueDestination(DestinationAddress.topic(topic), 0, false);
        Subscription subscription = new Subscription(null, topic, selector, noLocal, false, queue, connection.id(),
                null);
        relays.opened(topic); // what other nodes publish on the topic reaches it too
        synchronized (lock) {
            subscription.addConsumer();
            topics.apply(topic).add(subscription);
        }
        return subscription;
    }

    /**
     * Joins, creates or replaces a named subscription (durable, or shared non-durable), and counts the
     * consumer in.
     */
    Subscription subscribeNamed(SubscriptionKey key, String topic, Selector selector, boolean noLocal, boolean shared,
            EngineConnection connection) {
        if (key.durable() && store.shared()) {
            // Another node may have created it: join that one rather than make a second.
            refresh(recovery.call(store::loadSubscriptions));
        }
        try {
            return subscribeNamedHere(key, topic, selector, noLocal, shared, connection);
        } catch (BrokerException e) {
            if (!key.durable() || !store.shared() || e.kind() != BrokerException.Kind.RESOURCE) {
                throw e;
            }
            // Created by another node in the meantime (the store refused a second one): join it.
            refresh(recovery.call(store::loadSubscriptions));
            return subscribeNamedHere(key, topic, selector, noLocal, shared, connection);
        }
    }

    private Subscription subscribeNamedHere(SubscriptionKey key, String topic, Selector selector, boolean noLocal,
            boolean shared, EngineConnection connection) {
        synchronized (lock) {
            Subscription existing = named.get(key);
            if (existing != null) {
                if (existing.shared != shared) {
                    throw new BrokerException(BrokerException.Kind.ILLEGAL_STATE, "Subscription " + key.name()
                            + " exists as " + (existing.shared ? "a shared" : "an unshared") + " subscription");
                }
                boolean same = existing.topic.equals(topic) && existing.selector.equals(selector)
                        && existing.noLocal == noLocal;
                if (same && (shared || existing.consumers() == 0)) {
                    existing.addConsumer();
                    return existing;
                }
                if (existing.consumers() > 0) {
                    throw new BrokerException(BrokerException.Kind.ILLEGAL_STATE, "Subscription " + key.name()
                            + " is in use" + (same ? "" : " with another topic, selector or noLocal"));
                }
                // Spec: subscribing again with another topic or selector replaces the subscription.
                removeNamed(existing);
            }
            Subscription created = createNamed(key, topic, selector, noLocal, shared, connection);
            created.addConsumer();
            return created;
        }
    }

    /** A consumer of a subscription closed; non-durable subscriptions end with their last consumer. */
    void release(Subscription subscription) {
        synchronized (lock) {
            if (subscription.removeConsumer() > 0 || subscription.durable()) {
                return;
            }
            topics.apply(subscription.topic).remove(subscription);
            if (subscription.key != null) {
                named.remove(subscription.key);
            }
        }
        subscription.queue.drain();
        ended(subscription);
    }

    /** Deletes a durable subscription and its messages. */
    void unsubscribe(String clientId, String name) {
        synchronized (lock) {
            Subscription subscription = named.get(new SubscriptionKey(true, clientId, name));
            if (subscription == null) {
                throw new BrokerException(BrokerException.Kind.INVALID_DESTINATION,
                        "No durable subscription " + name + (clientId == null ? "" : " for client ID " + clientId));
            }
            if (subscription.consumers() > 0) {
                throw new BrokerException(BrokerException.Kind.ILLEGAL_STATE,
                        "Durable subscription " + name + " has an active consumer");
            }
            removeNamed(subscription);
        }
    }

    private Subscription createNamed(SubscriptionKey key, String topic, Selector selector, boolean noLocal,
            boolean shared, EngineConnection connection) {
        QueueDestination queue;
        if (key.durable()) {
            long id = recovery.call(() -> store.saveSubscription(
                    new StoredSubscription(0, topic, key.name(), key.clientId(), selector.text(), noLocal, shared)));
            queue = new QueueDestination(DestinationAddress.topic(topic), id, true, pager);
        } else if (relays.sharesAcrossNodes()) { // its consumers on every node share it, through the store
            long id = relays.joinShared(topic, key.clientId(), key.name(), selector);
            queue = QueueDestination.relay(DestinationAddress.topic(topic), id, pager);
        } else {
            queue = new QueueDestination(DestinationAddress.topic(topic), 0, false, pager);
        }
        Subscription subscription = new Subscription(key, topic, selector, noLocal, shared, queue, connection.id(),
                key.clientId());
        named.put(key, subscription);
        topics.apply(topic).add(subscription);
        return subscription;
    }

    /** Deletes a named subscription (from the store too, if durable) with its messages. Lock held. */
    void removeNamed(Subscription subscription) {
        if (subscription.durable()) {
            long id = subscription.queue.subscriptionId();
            recovery.call(() -> {
                store.deleteSubscription(id);
                return 0L;
            });
        }
        topics.apply(subscription.topic).remove(subscription);
        named.remove(subscription.key);
        subscription.queue.drain();
        if (!subscription.durable()) {
            ended(subscription);
        }
    }

    /** A non-durable subscription ended: its node's relay of the topic, or its membership, ends with it. */
    private void ended(Subscription subscription) {
        if (subscription.key == null) {
            relays.closed(subscription.topic);
        } else {
            relays.leaveShared(subscription.queue.subscriptionId(), subscription.topic, subscription.selector);
        }
    }
}
