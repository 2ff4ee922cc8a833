package org.cairnmq.engine;

import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.cairnmq.destination.DeliveryPolicy;
import org.cairnmq.destination.DestinationNames;
import org.cairnmq.store.StoredDestination;

/**
 * The broker's queues and topics by name, and its temporary destinations with the connection owning each:
 * which exist, which a client may use or create by naming them, and their creation and deletion (recorded
 * through {@link OperatorSettings} when an operator or another instance sharing the store did it).
 * Deleting or forgetting a topic happens under the {@link Subscriptions#lock}, so that no subscription is
 * added to a topic while it goes.
 */
final class DestinationRegistry {
    private static final String TEMPORARY_PREFIX = "$cairn.temp.";

    private final ConcurrentMap<String, QueueDestination> queues = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, TopicDestination> topics = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, EngineConnection> temporaryOwners = new ConcurrentHashMap<>();
    private final PageLoader pager;
    private final OperatorSettings settings;
    private final Subscriptions subscriptions;
    private volatile boolean autoCreate = true;

    DestinationRegistry(PageLoader pager, OperatorSettings settings, Subscriptions subscriptions) {
        this.pager = pager;
        this.settings = settings;
        this.subscriptions = subscriptions;
    }

    Iterable<String> queueNames() {
        return new TreeSet<>(queues.keySet());
    }

    Iterable<String> topicNames() {
        return new TreeSet<>(topics.keySet());
    }

    QueueDestination existingQueue(String name) {
        return queues.get(name);
    }

    TopicDestination existingTopic(String name) {
        return topics.get(name);
    }

    boolean isTemporary(String name) {
        return name.startsWith(TEMPORARY_PREFIX);
    }

    /** Whether the name is of a temporary destination deleted since: its messages die with it. */
    boolean isDeletedTemporary(String name) {
        return isTemporary(name) && !temporaryOwners.containsKey(name);
    }

    QueueDestination queue(String name) {
        return queues.computeIfAbsent(name,
                n -> new QueueDestination(DestinationAddress.queue(n), 0, true, pager));
    }

    TopicDestination topic(String name) {
        return topics.computeIfAbsent(name, TopicDestination::new);
    }

    /** Whether a destination a client names comes into being on first use ({@link Broker#setAutoCreateDestinations}). */
    void setAutoCreate(boolean autoCreate) {
        this.autoCreate = autoCreate;
    }

    /** Creates a queue an operator asked for, recorded in the store; see {@link Broker#createQueue}. */
    void createQueue(String name) {
        checkNotTemporaryName(name);
        checkStorableName(name);
        settings.created(new StoredDestination(false, name), () -> queue(name));
    }

    /** Creates a topic an operator asked for, recorded in the store; see {@link Broker#createTopic}. */
    void createTopic(String name) {
        checkNotTemporaryName(name);
        checkStorableName(name);
        settings.created(new StoredDestination(true, name), () -> topic(name));
    }

    /** The queue a client names, created on first use if that is allowed. */
    QueueDestination clientQueue(String name, EngineConnection user, boolean consuming) {
        checkClientUse(name, user, consuming, queues.containsKey(name));
        return queue(name);
    }

    /** The topic a client names, created on first use if that is allowed. */
    TopicDestination clientTopic(String name, EngineConnection user, boolean consuming) {
        checkClientUse(name, user, consuming, topics.containsKey(name));
        return topic(name);
    }

    private void checkClientUse(String name, EngineConnection user, boolean consuming, boolean exists) {
        if (isTemporary(name)) {
            EngineConnection owner = temporaryOwners.get(name);
            if (owner == null) {
                throw new BrokerException(BrokerException.Kind.INVALID_DESTINATION,
                        "Temporary destination " + name + " no longer exists");
            }
            if (consuming && owner != user) {
                throw new BrokerException(BrokerException.Kind.INVALID_DESTINATION,
                        "Only the connection that created temporary destination " + name + " may consume from it");
            }
        } else if (!exists && !autoCreate) {
            throw new BrokerException(BrokerException.Kind.INVALID_DESTINATION,
                    "No destination " + name + " (automatic creation is switched off)");
        } else if (!exists) {
            checkStorableName(name); // before its messages fail to be stored
        }
    }

    private static void checkStorableName(String name) {
        String problem = DestinationNames.problem("A destination name", name);
        if (problem != null) {
            throw new BrokerException(BrokerException.Kind.INVALID_DESTINATION, problem);
        }
    }

    private static void checkNotTemporaryName(String name) {
        if (name != null && name.startsWith(TEMPORARY_PREFIX)) {
            throw new BrokerException(BrokerException.Kind.INVALID_DESTINATION,
                    "Names starting with " + TEMPORARY_PREFIX + " are kept for temporary destinations");
        }
    }

    /** A temporary queue or topic of the connection; it lives as long as the connection. */
    DestinationAddress createTemporary(DestinationAddress.Kind kind, EngineConnection owner) {
        String name = TEMPORARY_PREFIX + kind.name().toLowerCase(Locale.ROOT) + "." + UUID.randomUUID();
        temporaryOwners.put(name, owner);
        if (kind == DestinationAddress.Kind.QUEUE) {
            // Nothing in a temporary queue outlives its connection, so nothing of it is stored.
            queues.put(name, new QueueDestination(DestinationAddress.queue(name), 0, false));
        } else {
            topics.put(name, new TopicDestination(name));
        }
        return new DestinationAddress(kind, name);
    }

    /** Deletes a temporary destination of the owner; refused while it has consumers. */
    void deleteTemporary(DestinationAddress address, EngineConnection owner) {
        if (temporaryOwners.get(address.name()) != owner) {
            throw new BrokerException(BrokerException.Kind.INVALID_DESTINATION,
                    "Not a temporary destination of this connection: " + address);
        }
        boolean inUse = address.kind() == DestinationAddress.Kind.QUEUE
                ? queues.get(address.name()).consumers() > 0
                : topics.get(address.name()).hasSubscriptions();
        if (inUse) {
            throw new BrokerException(BrokerException.Kind.ILLEGAL_STATE,
                    "Temporary destination " + address.name() + " still has consumers");
        }
        removeTemporary(address.name());
    }

    /** Deletes every temporary destination of a connection that closed. */
    void dropTemporaries(EngineConnection owner) {
        temporaryOwners.forEach((name, o) -> {
            if (o == owner) {
                removeTemporary(name);
            }
        });
    }

    private void removeTemporary(String name) {
        temporaryOwners.remove(name);
        QueueDestination queue = queues.remove(name);
        topics.remove(name);
        if (queue != null) {
            queue.drain(); // its messages die with it, and give their memory back
        }
    }

    /**
     * Forgets a queue whose messages management has deleted, with its record in the store and its policy
     * (unless a topic of the same name shares it).
     */
    void removeQueue(String name) {
        if (isTemporary(name)) {
            removeTemporary(name);
            return;
        }
        settings.deleted(new StoredDestination(false, name), !topics.containsKey(name), () -> {
            QueueDestination removed = queues.remove(name);
            if (removed != null) {
                removed.drain(); // gives the memory of its messages back
            }
        });
    }

    /** Deletes a topic and its subscriptions with their messages; refused while any has consumers. */
    void removeTopic(String name) {
        synchronized (subscriptions.lock) {
            TopicDestination topic = topics.get(name);
            if (topic == null) {
                return;
            }
            for (Subscription s : topic.subscriptions()) {
                if (s.consumers() > 0) {
                    throw new BrokerException(BrokerException.Kind.ILLEGAL_STATE,
                            "Topic " + name + " has consumers on subscription " + (s.key == null ? "" : s.key.name()));
                }
            }
            Runnable inMemory = () -> {
                for (Subscription s : topic.subscriptions()) {
                    if (s.key != null) {
                        subscriptions.removeNamed(s);
                    }
                }
                topics.remove(name);
                temporaryOwners.remove(name);
            };
            if (isTemporary(name)) {
                inMemory.run();
            } else {
                settings.deleted(new StoredDestination(true, name), !queues.containsKey(name), inMemory);
            }
        }
    }

    /** A destination recorded in the store (at start, or by another instance since): made in memory. */
    void materialize(boolean topic, String name) {
        if (topic) {
            topic(name);
        } else {
            queue(name);
        }
    }

    /**
     * A destination another instance deleted: forgotten here too, unless it is in use (consumers, messages,
     * subscriptions) or was recorded again meanwhile; a client naming it again creates it as usual.
     */
    void forgetIfUnused(boolean topic, String name) {
        synchronized (subscriptions.lock) {
            if (settings.isRecorded(new StoredDestination(topic, name))) {
                return;
            }
            if (topic) {
                topics.computeIfPresent(name, (n, t) -> t.hasSubscriptions() ? t : null);
            } else if (!name.equals(DeliveryPolicy.DEFAULT.deadLetterQueue())
                    && !name.equals(DeliveryPolicy.DEFAULT.expiryQueue())) {
                queues.computeIfPresent(name, (n, q) -> q.depth() == 0 && q.consumers() == 0 && q.inMemory() == 0
                        && q.statistics.scheduled.get() == 0 && q.statistics.inFlight.get() == 0 ? null : q);
            }
        }
    }
}
