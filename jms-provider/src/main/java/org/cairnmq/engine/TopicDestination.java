package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A topic: it holds no messages itself, it copies each one into the queues of its subscriptions. */
final class TopicDestination {
    private final String name;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** What sends held by local transactions until they commit hold against this topic's memory limit. */
    final MemoryBudget.Usage pending = new MemoryBudget.Usage();

    TopicDestination(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void add(Subscription subscription) {
        subscriptions.add(subscription);
    }

    void remove(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    boolean hasSubscriptions() {
        return !subscriptions.isEmpty();
    }

    /** The subscription queues a published message goes to. */
    List<QueueDestination> route(OutgoingMessage message) {
        List<QueueDestination> targets = new ArrayList<>(subscriptions.size());
        for (Subscription s : subscriptions) {
            if (s.accepts(message)) {
                targets.add(s.queue);
            }
        }
        return targets;
    }
}
