package org.cairnmq.engine;

import org.cairnmq.destination.DestinationNames;
import org.cairnmq.destination.DeliveryPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairnmq.management.BrokerManagement;
import org.cairnmq.management.DestinationType;
import org.cairnmq.management.DestinationView;
import org.cairnmq.management.ManagementException;
import org.cairnmq.management.MemoryLimitView;
import org.cairnmq.management.MessagePage;
import org.cairnmq.management.MessageQuery;
import org.cairnmq.management.MessageView;
import org.cairnmq.management.NodeView;
import org.cairnmq.management.OperationResult;
import org.cairnmq.management.SubscriptionView;
import org.cairnmq.store.StoredNode;

/** The broker's {@link BrokerManagement}: destinations, subscriptions and policies here, messages in {@link MessageOperations}. */
final class EngineManagement implements BrokerManagement {
    private final Broker broker;
    private final DestinationRegistry destinations;
    private final MessageOperations messages;

    EngineManagement(Broker broker, DestinationRegistry destinations, MessageOperations messages) {
        this.broker = broker;
        this.destinations = destinations;
        this.messages = messages;
    }

    @Override
    public String nodeName() {
        return broker.nodeName();
    }

    @Override
    public List<NodeView> nodes() {
        List<StoredNode> stored;
        try {
            stored = broker.storedNodes();
        } catch (BrokerException e) {
            throw translate(e);
        }
        if (stored.isEmpty()) {
            long inFlight = destinations().stream().mapToLong(DestinationView::inFlight).sum();
            return List.of(new NodeView(nodeName(), null, true, broker.lease().holdsClaims(), -1, -1, -1, -1,
                    consumers().size(), inFlight));
        }
        List<NodeView> views = new ArrayList<>();
        for (StoredNode node : stored) {
            views.add(new NodeView(node.nodeName(), node.instanceId(), node.nodeName().equals(nodeName()),
                    node.live(), node.leaseUntil(), node.renewedAt(), node.leaseLeftMillis(),
                    Math.max(0, node.readAt() - node.renewedAt()), node.consumers(), node.inFlight()));
        }
        return views;
    }

    @Override
    public List<DestinationView> destinations() {
        List<DestinationView> views = new ArrayList<>();
        destinations.queueNames().forEach(name -> views.add(queueView(name, destinations.existingQueue(name))));
        destinations.topicNames().forEach(name -> views.add(topicView(name, destinations.existingTopic(name))));
        views.sort(Comparator.comparing(DestinationView::type).thenComparing(DestinationView::name));
        return views;
    }

    @Override
    public DestinationView destination(DestinationType type, String name) {
        return type == DestinationType.QUEUE ? queueView(name, queue(name)) : topicView(name, topic(name));
    }

    @Override
    public DestinationView createDestination(DestinationType type, String name) {
        checkName(name);
        boolean exists = type == DestinationType.QUEUE ? destinations.existingQueue(name) != null
                : destinations.existingTopic(name) != null;
        if (exists) {
            throw new ManagementException(ManagementException.Kind.CONFLICT, type + " " + name + " exists");
        }
        try {
            if (type == DestinationType.QUEUE) {
                destinations.createQueue(name);
            } else {
                destinations.createTopic(name);
            }
        } catch (BrokerException e) {
            throw e.kind() == BrokerException.Kind.RESOURCE ? translate(e)
                    : new ManagementException(ManagementException.Kind.INVALID, e.getMessage(), e);
        }
        return destination(type, name);
    }

    @Override
    public long deleteDestination(DestinationType type, String name) {
        if (type == DestinationType.QUEUE) {
            QueueDestination queue = queue(name);
            if (queue.consumers() > 0) {
                throw new ManagementException(ManagementException.Kind.CONFLICT,
                        "Queue " + name + " has " + queue.consumers() + " consumers; close them first");
            }
            long deleted = messages.delete(name, MessageQuery.all()).changed();
            try {
                destinations.removeQueue(name);
            } catch (BrokerException e) {
                throw translate(e);
            }
            return deleted;
        }
        TopicDestination topic = topic(name);
        long deleted = 0;
        for (Subscription subscription : topic.subscriptions()) {
            deleted += subscription.queue.depth();
        }
        try {
            destinations.removeTopic(name);
        } catch (BrokerException e) {
            throw translate(e);
        }
        return deleted;
    }

    @Override
    public DeliveryPolicy deliveryPolicy(DestinationType type, String name) {
        destination(type, name);
        return broker.deliveryPolicy(name);
    }

    @Override
    public void setDeliveryPolicy(DestinationType type, String name, DeliveryPolicy policy) {
        destination(type, name);
        try {
            broker.setDeliveryPolicy(name, policy);
        } catch (IllegalArgumentException e) {
            throw new ManagementException(ManagementException.Kind.INVALID, e.getMessage(), e);
        } catch (BrokerException e) {
            throw translate(e);
        }
    }

    @Override
    public MemoryLimitView memoryLimit(DestinationType type, String name) {
        DestinationView view = destination(type, name);
        FlowControl.DestinationLimit limit = broker.memoryLimit(name);
        return new MemoryLimitView(limit.limitBytes(), limit.policy().name(), broker.ownMemoryLimit(name) != null,
                view.memoryBytes());
    }

    @Override
    public void setMemoryLimit(DestinationType type, String name, long limitBytes, String policy) {
        destination(type, name);
        if (limitBytes < 1) {
            throw new ManagementException(ManagementException.Kind.INVALID,
                    "A memory limit is a whole number of bytes, at least 1: " + limitBytes);
        }
        FlowControl.OverflowPolicy overflow = overflowPolicy(policy);
        changeMemoryLimit(name, new FlowControl.DestinationLimit(limitBytes, overflow));
    }

    @Override
    public void clearMemoryLimit(DestinationType type, String name) {
        destination(type, name);
        changeMemoryLimit(name, null);
    }

    private void changeMemoryLimit(String name, FlowControl.DestinationLimit limit) {
        try {
            broker.setMemoryLimit(name, limit);
        } catch (BrokerException e) {
            throw translate(e);
        }
    }

    private static FlowControl.OverflowPolicy overflowPolicy(String policy) {
        for (FlowControl.OverflowPolicy known : FlowControl.OverflowPolicy.values()) {
            if (known.name().equals(policy)) {
                return known;
            }
        }
        throw new ManagementException(ManagementException.Kind.INVALID,
                "The overflow policy is BLOCK or FAIL, not " + (policy == null ? "missing" : "'" + policy + "'"));
    }

    @Override
    public List<org.cairnmq.management.ConsumerView> consumers() {
        List<org.cairnmq.management.ConsumerView> views = new ArrayList<>();
        destinations.queueNames().forEach(name -> {
            QueueDestination queue = destinations.existingQueue(name);
            if (queue != null) {
                queue.consumerList().forEach(c -> views.add(c.view(DestinationType.QUEUE, null)));
            }
        });
        destinations.topicNames().forEach(name -> {
            TopicDestination topic = destinations.existingTopic(name);
            if (topic != null) {
                for (Subscription s : topic.subscriptions()) {
                    String subscription = s.key == null ? null : s.key.name();
                    s.queue.consumerList().forEach(c -> views.add(c.view(DestinationType.TOPIC, subscription)));
                }
            }
        });
        views.sort(Comparator.comparing(org.cairnmq.management.ConsumerView::type)
                .thenComparing(org.cairnmq.management.ConsumerView::destination));
        return views;
    }

    @Override
    public List<SubscriptionView> subscriptions() {
        List<SubscriptionView> views = new ArrayList<>();
        for (Subscription s : broker.namedSubscriptions()) {
            views.add(new SubscriptionView(s.topic, s.key.name(), s.key.clientId(),
                    s.selector.matchesEverything() ? null : s.selector.text(), s.durable(), s.shared, s.noLocal,
                    s.queue.depth(), broker.consumersOf(s)));
        }
        views.sort(Comparator.comparing(SubscriptionView::topic).thenComparing(SubscriptionView::name));
        return views;
    }

    @Override
    public void deleteSubscription(String clientId, String name) {
        try {
            broker.unsubscribe(clientId, name);
        } catch (BrokerException e) {
            throw translate(e);
        }
    }

    @Override
    public MessagePage browse(String queue, MessageQuery query) {
        return messages.browse(queue, query);
    }

    @Override
    public MessageView message(String queue, String handle) {
        return messages.message(queue, handle);
    }

    @Override
    public OperationResult delete(String queue, MessageQuery query) {
        return messages.delete(queue, query);
    }

    @Override
    public OperationResult delete(String queue, List<String> handles) {
        return messages.delete(queue, handles);
    }

    @Override
    public OperationResult move(String queue, MessageQuery query, String toQueue) {
        return messages.move(queue, query, toQueue);
    }

    @Override
    public OperationResult move(String queue, List<String> handles, String toQueue) {
        return messages.move(queue, handles, toQueue);
    }

    @Override
    public OperationResult copy(String queue, MessageQuery query, String toQueue) {
        return messages.copy(queue, query, toQueue);
    }

    @Override
    public OperationResult copy(String queue, List<String> handles, String toQueue) {
        return messages.copy(queue, handles, toQueue);
    }

    @Override
    public OperationResult retry(String queue, MessageQuery query) {
        return messages.retry(queue, query);
    }

    @Override
    public OperationResult retry(String queue, List<String> handles) {
        return messages.retry(queue, handles);
    }

    @Override
    public String send(DestinationType type, String name, String text, Map<String, Object> properties,
            boolean persistent) {
        destination(type, name);
        Map<String, Object> checked = new LinkedHashMap<>();
        if (properties != null) {
            properties.forEach((key, value) -> checked.put(key, checkedProperty(key, value)));
        }
        String messageId = "ID:" + UUID.randomUUID();
        MessageHeaders headers = new MessageHeaders(messageId, broker.now(), null, null, null, persistent, 4, 0, 0);
        BrokerMessage message = new BrokerMessage(headers, checked, BodyType.TEXT,
                text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        DestinationAddress to = type == DestinationType.QUEUE ? DestinationAddress.queue(name)
                : DestinationAddress.topic(name);
        try {
            broker.complete(List.of(new OutgoingMessage(to, message, null, null)), List.of());
        } catch (BrokerException e) {
            throw translate(e);
        }
        return messageId;
    }

    private static Object checkedProperty(String key, Object value) {
        if (key == null || key.isEmpty() || !Character.isJavaIdentifierStart(key.charAt(0))
                || !key.chars().skip(1).allMatch(Character::isJavaIdentifierPart) || key.startsWith("JMS")) {
            throw new ManagementException(ManagementException.Kind.INVALID, "Not a valid property name: '" + key + "'");
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Float || value instanceof Short
                || value instanceof Byte) {
            return value;
        }
        throw new ManagementException(ManagementException.Kind.INVALID, "Property " + key
                + " must be a string, boolean or number, not " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private QueueDestination queue(String name) {
        QueueDestination queue = destinations.existingQueue(name);
        if (queue == null) {
            throw new ManagementException(ManagementException.Kind.NOT_FOUND, "No queue " + name);
        }
        return queue;
    }

    private TopicDestination topic(String name) {
        TopicDestination topic = destinations.existingTopic(name);
        if (topic == null) {
            throw new ManagementException(ManagementException.Kind.NOT_FOUND, "No topic " + name);
        }
        return topic;
    }

    private static void checkName(String name) {
        String problem = DestinationNames.problem("A destination name", name);
        if (problem != null) {
            throw new ManagementException(ManagementException.Kind.INVALID, problem);
        }
    }

    private DestinationView queueView(String name, QueueDestination q) {
        QueueStatistics s = q.statistics;
        return new DestinationView(DestinationType.QUEUE, name, q.depth(), q.inMemory(), s.inFlight.get(),
                s.scheduled.get(), q.consumers(), 0, s.enqueued.get(), s.acknowledged.get(), s.expired.get(),
                s.deadLettered.get(), q.oldestAgeMillis(broker.now()), destinations.isTemporary(name),
                broker.memory().bytesUsedBy(q.memory), broker.memoryLimit(name).limitBytes());
    }

    private DestinationView topicView(String name, TopicDestination topic) {
        long depth = 0;
        long inMemory = 0;
        long inFlight = 0;
        long scheduled = 0;
        int consumers = 0;
        long enqueued = 0;
        long acknowledged = 0;
        long expired = 0;
        long deadLettered = 0;
        long oldest = -1;
        long memoryBytes = broker.memory().bytesUsedBy(topic.pending);
        List<Subscription> subscriptions = topic.subscriptions();
        for (Subscription subscription : subscriptions) {
            QueueDestination q = subscription.queue;
            QueueStatistics s = q.statistics;
            depth += q.depth();
            inMemory += q.inMemory();
            inFlight += s.inFlight.get();
            scheduled += s.scheduled.get();
            consumers += q.consumers();
            enqueued += s.enqueued.get();
            acknowledged += s.acknowledged.get();
            expired += s.expired.get();
            deadLettered += s.deadLettered.get();
            oldest = Math.max(oldest, q.oldestAgeMillis(broker.now()));
            memoryBytes += broker.memory().bytesUsedBy(q.memory);
        }
        return new DestinationView(DestinationType.TOPIC, name, depth, inMemory, inFlight, scheduled, consumers,
                subscriptions.size(), enqueued, acknowledged, expired, deadLettered, oldest,
                destinations.isTemporary(name), memoryBytes, broker.memoryLimit(name).limitBytes());
    }

    static ManagementException translate(BrokerException e) {
        ManagementException.Kind kind = switch (e.kind()) {
            case INVALID_DESTINATION -> ManagementException.Kind.NOT_FOUND;
            case ILLEGAL_STATE -> ManagementException.Kind.CONFLICT;
            case RESOURCE -> ManagementException.Kind.FAILED;
            default -> ManagementException.Kind.INVALID;
        };
        return new ManagementException(kind, e.getMessage(), e);
    }
}
