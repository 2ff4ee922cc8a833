package org.cairnmq.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cairnmq.management.ManagementException;
import org.cairnmq.management.MessagePage;
import org.cairnmq.management.MessageQuery;
import org.cairnmq.management.MessageView;
import org.cairnmq.management.OperationResult;
import org.cairnmq.selector.Selector;
import org.cairnmq.selector.SelectorSyntaxException;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.ScannedMessage;
import org.cairnmq.store.StoredMessage;

/**
 * Management's view of a queue's messages and its repairs. Persistent messages are read from the store
 * (so a search reaches every one, however deep the queue); non-persistent ones from memory. To change a
 * message, management first takes it: out of the queue's memory if it waits there, else by claiming it in
 * the store if nobody holds it. A message a consumer holds is skipped, never touched.
 */
final class MessageOperations {
    private static final int PAGE = 500;
    /** Handles: {@code p<store id>} for a persistent message, {@code n<sequence>} for a non-persistent one. */
    private static final char STORED = 'p';
    private static final char MEMORY = 'n';

    private final Broker broker;
    private final MessageStore store;

    MessageOperations(Broker broker, MessageStore store) {
        this.broker = broker;
        this.store = store;
    }

    /** What an operation does with each message it has taken. */
    private enum Action { DELETE, MOVE, COPY, RETRY }

    MessagePage browse(String queueName, MessageQuery query) {
        QueueDestination queue = queue(queueName);
        Filter filter = new Filter(query, broker.now());
        List<MessageView> page = new ArrayList<>();
        String after = query.after() == null ? STORED + "0" : query.after();
        char phase = after.charAt(0);
        long position = parsePosition(after);
        if (phase == STORED) {
            while (page.size() < query.limit()) {
                List<ScannedMessage> rows = store.scan(queue.storedQueue(), position, PAGE, broker.now());
                Map<Long, QueuedMessage> ready = readyByStoreId(queue);
                for (ScannedMessage row : rows) {
                    position = row.message().id();
                    MessageView view = view(row, ready.get(row.message().id()));
                    if (filter.matches(view)) {
                        page.add(view);
                        if (page.size() == query.limit()) {
                            return new MessagePage(page, STORED + Long.toString(position));
                        }
                    }
                }
                if (rows.size() < PAGE) {
                    break;
                }
            }
            position = 0;
        }
        for (QueuedMessage m : queue.readySnapshot()) {
            if (m.persistent() || m.sequence <= position) {
                continue;
            }
            MessageView view = view(m, "READY");
            if (filter.matches(view)) {
                page.add(view);
                if (page.size() == query.limit()) {
                    return new MessagePage(page, MEMORY + Long.toString(m.sequence));
                }
            }
        }
        return new MessagePage(page, null);
    }

    MessageView message(String queueName, String handle) {
        QueueDestination queue = queue(queueName);
        long id = parsePosition(handle);
        if (handle.charAt(0) == STORED) {
            for (ScannedMessage row : store.scan(queue.storedQueue(), id - 1, 1, broker.now())) {
                if (row.message().id() == id) {
                    return view(row, readyByStoreId(queue).get(id));
                }
            }
        } else {
            for (QueuedMessage m : queue.readySnapshot()) {
                if (m.sequence == id && !m.persistent()) {
                    return view(m, "READY");
                }
            }
        }
        throw new ManagementException(ManagementException.Kind.NOT_FOUND, "No message " + handle + " in " + queueName);
    }

    OperationResult delete(String queue, MessageQuery query) {
        return apply(queue, query, Action.DELETE, null);
    }

    OperationResult delete(String queue, List<String> handles) {
        return apply(queue, handles, Action.DELETE, null);
    }

    OperationResult move(String queue, MessageQuery query, String to) {
        return apply(queue, query, Action.MOVE, target(queue, to));
    }

    OperationResult move(String queue, List<String> handles, String to) {
        return apply(queue, handles, Action.MOVE, target(queue, to));
    }

    OperationResult copy(String queue, MessageQuery query, String to) {
        return apply(queue, query, Action.COPY, target(queue, to));
    }

    OperationResult copy(String queue, List<String> handles, String to) {
        return apply(queue, handles, Action.COPY, target(queue, to));
    }

    OperationResult retry(String queue, MessageQuery query) {
        return apply(queue, query, Action.RETRY, null);
    }

    OperationResult retry(String queue, List<String> handles) {
        return apply(queue, handles, Action.RETRY, null);
    }

    /** Every message matching the query, a store page at a time: each page's changes in one transaction. */
    private OperationResult apply(String queueName, MessageQuery query, Action action, DestinationAddress to) {
        QueueDestination queue = queue(queueName);
        Filter filter = new Filter(query, broker.now());
        Tally tally = new Tally();
        long position = 0;
        List<ScannedMessage> rows;
        do {
            rows = store.scan(queue.storedQueue(), position, PAGE, broker.now());
            Map<Long, QueuedMessage> ready = readyByStoreId(queue);
            List<MessageView> matched = new ArrayList<>();
            for (ScannedMessage row : rows) {
                position = row.message().id();
                MessageView view = view(row, ready.get(position));
                if (filter.matches(view)) {
                    matched.add(view);
                }
            }
            applyToMatched(queue, matched, action, to, tally);
        } while (rows.size() == PAGE);
        List<MessageView> inMemory = new ArrayList<>();
        for (QueuedMessage m : queue.readySnapshot()) {
            MessageView view = view(m, "READY");
            if (!m.persistent() && filter.matches(view)) {
                inMemory.add(view);
            }
        }
        applyToMatched(queue, inMemory, action, to, tally);
        return tally.result();
    }

    /** The matched messages' views are at hand: a copy is made from them without reading them again. */
    private void applyToMatched(QueueDestination queue, List<MessageView> matched, Action action,
            DestinationAddress to, Tally tally) {
        if (action == Action.COPY) {
            tally.matched += matched.size();
            copy(matched, to, tally);
        } else {
            applyTo(queue, matched.stream().map(MessageView::handle).toList(), action, to, tally);
        }
    }

    private OperationResult apply(String queueName, List<String> handles, Action action, DestinationAddress to) {
        QueueDestination queue = queue(queueName);
        handles.forEach(MessageOperations::parsePosition);
        Tally tally = new Tally();
        for (int from = 0; from < handles.size(); from += PAGE) {
            applyTo(queue, handles.subList(from, Math.min(handles.size(), from + PAGE)), action, to, tally);
        }
        return tally.result();
    }

    private void applyTo(QueueDestination queue, List<String> handles, Action action, DestinationAddress to,
            Tally tally) {
        if (handles.isEmpty()) {
            return;
        }
        tally.matched += handles.size();
        if (action == Action.COPY) {
            copyOf(queue, handles, to, tally);
            return;
        }
        List<QueuedMessage> taken = take(queue, handles);
        List<OutgoingMessage> sends = new ArrayList<>();
        List<QueuedMessage> removed = new ArrayList<>();
        for (QueuedMessage m : taken) {
            if (action == Action.DELETE) {
                removed.add(m);
            } else {
                DestinationAddress destination = action == Action.MOVE ? to : originOf(m);
                if (destination == null) {
                    queue.enqueue(m); // nowhere to send it back to: it stays where it is
                    continue;
                }
                sends.add(new OutgoingMessage(destination, action == Action.RETRY ? withoutDeathNotice(m.message())
                        : m.message(), null, null));
                removed.add(m);
            }
        }
        try {
            broker.write(sends, removed);
        } catch (BrokerException e) {
            removed.forEach(queue::enqueue); // nothing was written: they wait again as before
            throw EngineManagement.translate(e);
        }
        tally.changed += removed.size();
        tally.skipped += handles.size() - removed.size();
    }

    /** Takes the messages out of the queue's hands: those waiting in memory, and those only the store holds. */
    private List<QueuedMessage> take(QueueDestination queue, List<String> handles) {
        List<QueuedMessage> taken = new ArrayList<>();
        List<Long> inStore = new ArrayList<>();
        for (String handle : handles) {
            long id = parsePosition(handle);
            boolean stored = handle.charAt(0) == STORED;
            QueuedMessage m = queue.removeReady(q -> stored ? q.storeId == id : q.sequence == id && !q.persistent());
            if (m != null) {
                taken.add(m);
            } else if (stored) {
                inStore.add(id);
            }
        }
        if (!inStore.isEmpty()) {
            List<StoredMessage> claimed = store.claimFree(inStore);
            claimed.forEach(m -> taken.add(broker.fromStore(m, queue)));
            queue.storedOnlyTaken(claimed.size());
        }
        return taken;
    }

    private void copyOf(QueueDestination queue, List<String> handles, DestinationAddress to, Tally tally) {
        List<MessageView> found = new ArrayList<>();
        for (String handle : handles) {
            try {
                found.add(message(queue.name(), handle));
            } catch (ManagementException gone) {
                tally.skipped++;
            }
        }
        copy(found, to, tally);
    }

    private void copy(List<MessageView> originals, DestinationAddress to, Tally tally) {
        if (originals.isEmpty()) {
            return;
        }
        List<OutgoingMessage> copies = new ArrayList<>();
        for (MessageView original : originals) {
            copies.add(new OutgoingMessage(to, copyBody(original), null, null));
        }
        try {
            broker.write(copies, List.of());
        } catch (BrokerException e) {
            throw EngineManagement.translate(e);
        }
        tally.changed += copies.size();
    }

    private BrokerMessage copyBody(MessageView v) {
        MessageHeaders headers = new MessageHeaders("ID:" + java.util.UUID.randomUUID(), v.timestamp(),
                v.correlationId(), v.replyTo(), v.type(), v.persistent(), v.priority(), v.expiration(), 0);
        return new BrokerMessage(headers, v.properties(), bodyTypeCode(v.bodyType()), v.body());
    }

    private static DestinationAddress originOf(QueuedMessage m) {
        Object origin = m.message().properties().get(DeadLetterProperties.ORIGINAL_DESTINATION);
        DestinationAddress address = origin instanceof String text ? DestinationAddress.parse(text) : null;
        // A topic origin would reach every subscription again, not just the one that failed.
        return address != null && address.kind() == DestinationAddress.Kind.QUEUE ? address : null;
    }

    private static BrokerMessage withoutDeathNotice(BrokerMessage m) {
        Map<String, Object> properties = new LinkedHashMap<>(m.properties());
        properties.remove(DeadLetterProperties.ORIGINAL_DESTINATION);
        properties.remove(DeadLetterProperties.REASON);
        properties.remove(DeadLetterProperties.DELIVERY_ATTEMPTS);
        return new BrokerMessage(m.headers(), properties, m.bodyType(), m.body());
    }

    private DestinationAddress target(String from, String to) {
        queue(from);
        if (to == null || to.isBlank()) {
            throw new ManagementException(ManagementException.Kind.INVALID, "Name the queue to send the messages to");
        }
        if (to.equals(from)) {
            throw new ManagementException(ManagementException.Kind.INVALID, "The target is the queue itself: " + to);
        }
        queue(to);
        return DestinationAddress.queue(to);
    }

    private QueueDestination queue(String name) {
        QueueDestination queue = name == null ? null : broker.existingQueue(name);
        if (queue == null) {
            throw new ManagementException(ManagementException.Kind.NOT_FOUND, "No queue " + name);
        }
        return queue;
    }

    private static Map<Long, QueuedMessage> readyByStoreId(QueueDestination queue) {
        Map<Long, QueuedMessage> ready = new HashMap<>();
        for (QueuedMessage m : queue.readySnapshot()) {
            if (m.persistent()) {
                ready.put(m.storeId, m);
            }
        }
        return ready;
    }

    private static long parsePosition(String handle) {
        if (handle == null || handle.length() < 2 || (handle.charAt(0) != STORED && handle.charAt(0) != MEMORY)) {
            throw new ManagementException(ManagementException.Kind.INVALID, "Not a message handle: " + handle);
        }
        try {
            return Long.parseLong(handle.substring(1));
        } catch (NumberFormatException e) {
            throw new ManagementException(ManagementException.Kind.INVALID, "Not a message handle: " + handle);
        }
    }

    private MessageView view(ScannedMessage row, QueuedMessage inMemory) {
        StoredMessage stored = row.message();
        if (inMemory != null) {
            return view(inMemory, "READY");
        }
        BrokerMessage m = StoredForm.fromStored(stored);
        return view(STORED + Long.toString(stored.id()), row.held() ? "DELIVERING" : "STORED", m,
                stored.deliveryCount());
    }

    private static MessageView view(QueuedMessage m, String state) {
        String handle = m.persistent() ? STORED + Long.toString(m.storeId) : MEMORY + Long.toString(m.sequence);
        return view(handle, state, m.message(), m.deliveryCount() - 1);
    }

    private static MessageView view(String handle, String state, BrokerMessage m, int attempts) {
        MessageHeaders h = m.headers();
        String text = m.bodyType() == BodyType.TEXT && m.body() != null
                ? new String(m.body(), StandardCharsets.UTF_8) : null;
        return new MessageView(handle, state, h.messageId(), h.timestamp(), h.correlationId(), h.replyTo(), h.type(),
                h.persistent(), h.priority(), h.expiration(), h.deliveryTime(), attempts, m.properties(),
                bodyTypeName(m.bodyType()), text, m.body());
    }

    private static String bodyTypeName(int code) {
        return switch (code) {
            case BodyType.TEXT -> "TEXT";
            case BodyType.BYTES -> "BYTES";
            case BodyType.MAP -> "MAP";
            case BodyType.OBJECT -> "OBJECT";
            case BodyType.STREAM -> "STREAM";
            default -> "NONE";
        };
    }

    private static int bodyTypeCode(String name) {
        return switch (name) {
            case "TEXT" -> BodyType.TEXT;
            case "BYTES" -> BodyType.BYTES;
            case "MAP" -> BodyType.MAP;
            case "OBJECT" -> BodyType.OBJECT;
            case "STREAM" -> BodyType.STREAM;
            default -> BodyType.NONE;
        };
    }

    /** A query's criteria, checked against the view of one message. */
    private static final class Filter {
        private final Selector selector;
        private final String bodyContains;
        private final int minDeliveryCount;
        private final long sentBefore;

        Filter(MessageQuery query, long now) {
            try {
                selector = Selector.parse(query.selector());
            } catch (SelectorSyntaxException e) {
                throw new ManagementException(ManagementException.Kind.INVALID, "Bad selector: " + e.getMessage(), e);
            }
            bodyContains = query.bodyContains() == null || query.bodyContains().isEmpty() ? null
                    : query.bodyContains().toLowerCase(Locale.ROOT);
            minDeliveryCount = query.minDeliveryCount();
            sentBefore = query.olderThanMillis() == 0 ? Long.MAX_VALUE : now - query.olderThanMillis();
        }

        boolean matches(MessageView v) {
            if (v.deliveryCount() < minDeliveryCount || v.timestamp() > sentBefore) {
                return false;
            }
            if (bodyContains != null && (v.text() == null || !v.text().toLowerCase(Locale.ROOT).contains(bodyContains))) {
                return false;
            }
            if (selector.matchesEverything()) {
                return true;
            }
            MessageHeaders headers = new MessageHeaders(v.messageId(), v.timestamp(), v.correlationId(), v.replyTo(),
                    v.type(), v.persistent(), v.priority(), v.expiration(), v.deliveryTime());
            return selector.matches(new MessageSelectorFields(
                    new BrokerMessage(headers, v.properties(), bodyTypeCode(v.bodyType()), null), v.deliveryCount() + 1));
        }
    }

    private static final class Tally {
        long matched;
        long changed;
        long skipped;

        OperationResult result() {
            return new OperationResult(matched, changed, skipped);
        }
    }
}
