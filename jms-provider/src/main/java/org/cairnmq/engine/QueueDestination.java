package org.cairnmq.engine;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.TreeSet;

/**
 * The in-memory side of one queue, or of one topic subscription's queue: messages ready for delivery,
 * highest priority first and then in arrival order, and the consumers waiting for one. A message goes
 * straight to the longest-waiting consumer that accepts it.
 *
 * <p>On a store several nodes share, a durable queue is always paged: its persistent messages wait in the
 * store for whichever node's consumers ask first, and this node claims a page only when one of its
 * consumers waits (the page: one message per waiting consumer, and a few more per consumer, more while a
 * backlog drains). Stored messages
 * are handed out only while the broker's lease holds, and dropped if claimed under a voided lease.
 */
final class QueueDestination {
    private static final Comparator<QueuedMessage> DELIVERY_ORDER = Comparator
            .comparingInt((QueuedMessage m) -> -m.message().headers().priority())
            .thenComparingLong(m -> m.sequence);

    private final DestinationAddress address;
    private final long subscriptionId;
    private final boolean durable;
    private final boolean storesEveryMessage;
    private volatile boolean readByBroker; // a relay this node reads: it has a consumer, the broker itself
    private final Object lock = new Object();
    private final TreeSet<QueuedMessage> ready = new TreeSet<>(DELIVERY_ORDER);
    private final ArrayDeque<Receiver> waiting = new ArrayDeque<>();
    private final java.util.Set<EngineConsumer> consumers = new java.util.concurrent.CopyOnWriteArraySet<>();
    private final PageLoader pager;
    final QueueStatistics statistics = new QueueStatistics();
    /** What this queue's counted messages hold against its memory limit (see {@link MemoryBudget}). */
    final MemoryBudget.Usage memory = new MemoryBudget.Usage();
    private boolean dropped; // guarded by lock: the queue is gone, messages still coming back are dropped
    // Paging, guarded by lock. Once the queue holds its memory limit, further persistent arrivals stay in
    // the store only, and the queue stays paged until the store holds none of them: so no later arrival
    // overtakes an earlier one that is still waiting in the store.
    private boolean paged;
    private int toStoreInFlight;
    private long storeArrivals;
    private long storedOnly;
    private boolean loading;
    private boolean loadAgain;
    // Messages claimed ahead per consumer on a shared store, guarded by lock: 2 to 64 (see beginLoad).
    private int clusterPrefetch = 2;

    /**
     * @param address        what consumers see as the message's destination (the queue, or the topic)
     * @param subscriptionId the durable subscription this queue serves, or {@code 0}
     * @param durable        whether persistent messages in it are kept in the store
     */
    QueueDestination(DestinationAddress address, long subscriptionId, boolean durable) {
        this(address, subscriptionId, durable, null);
    }

    /** @param pager loads messages that only the store holds; {@code null} for a queue that never pages */
    QueueDestination(DestinationAddress address, long subscriptionId, boolean durable, PageLoader pager) {
        this(address, subscriptionId, durable, pager, false);
    }

    private QueueDestination(DestinationAddress address, long subscriptionId, boolean durable, PageLoader pager,
            boolean storesEveryMessage) {
        this.address = address;
        this.subscriptionId = subscriptionId;
        this.durable = durable;
        this.pager = durable ? pager : null;
        this.storesEveryMessage = storesEveryMessage;
    }

    /** The queue of a topic's relay to a node's non-durable subscriptions ({@link TopicRelays}): it stores every message. */
    static QueueDestination relay(DestinationAddress topic, long subscriptionId, PageLoader pager) {
        return new QueueDestination(topic, subscriptionId, true, pager, true);
    }

    /** This node's own relay: the broker reads it, so what it holds is never handed back for want of a consumer. */
    void readByBroker() {
        readByBroker = true;
    }

    /**
     * Whether the store keeps the copy of a message sent here: a persistent one in a durable queue; and, while
     * other nodes are live, a non-persistent one in a relay or shared subscription, the only way to them. (A
     * node alone keeps those in memory: its consumers get them, even if another node comes meanwhile.)
     */
    boolean stores(BrokerMessage message) {
        return durable && (message.headers().persistent() || storesEveryMessage && pager != null && pager.clustered());
    }

    /** The name and subscription the store knows this queue's messages by. */
    org.cairnmq.store.StoredQueue storedQueue() {
        return new org.cairnmq.store.StoredQueue(address.name(), subscriptionId);
    }

    String name() {
        return address.name();
    }

    DestinationAddress address() {
        return address;
    }

    long subscriptionId() {
        return subscriptionId;
    }

    boolean durable() {
        return durable;
    }

    /** Makes a message available: to the longest-waiting consumer that accepts it, or to the ready list. */
    void enqueue(QueuedMessage message) {
        Receiver receiver = null;
        boolean gone;
        synchronized (lock) {
            // A message of a voided claim (the lease was lost): another node delivers it now.
            gone = dropped || (pager != null && pager.isStale(message));
            if (!gone) {
                receiver = place(message);
            }
        }
        if (gone) {
            message.releaseMemory(); // back from a consumer or the timer after the queue went away
        } else if (receiver != null) {
            receiver.deliver(message);
        }
    }

    /** Under the lock: hands the message to a waiting receiver (returned, to deliver to) or to the ready list. */
    private Receiver place(QueuedMessage message) {
        if (!mayHandOut(message)) {
            ready.add(message);
            return null;
        }
        for (Iterator<Receiver> it = waiting.iterator(); it.hasNext(); ) {
            Receiver candidate = it.next();
            if (candidate.accepts(message)) {
                it.remove();
                return candidate;
            }
        }
        ready.add(message);
        return null;
    }

    /** Whether a stored message may go to a consumer now: only while the broker's lease holds. */
    private boolean mayHandOut(QueuedMessage message) {
        return pager == null || !message.persistent() || pager.holdsClaims();
    }

    /**
     * The claims made so far are void (the lease was lost): drops the stored messages waiting here, which
     * another node delivers now, and looks in the store again.
     */
    void dropVoidedClaims() {
        java.util.List<QueuedMessage> voided = new java.util.ArrayList<>();
        synchronized (lock) {
            for (Iterator<QueuedMessage> it = ready.iterator(); it.hasNext(); ) {
                QueuedMessage m = it.next();
                if (m.persistent()) {
                    it.remove();
                    voided.add(m);
                }
            }
            if (pager != null) {
                paged = true;
                storedOnly += voided.size();
            }
        }
        voided.forEach(QueuedMessage::releaseMemory);
    }

    /**
     * Another node joined the store: the stored messages waiting here are handed to the store, for any
     * node's consumers, and the queue pages from now on.
     *
     * @return the messages taken out of memory, whose claims the caller gives up in the store
     */
    java.util.List<QueuedMessage> handToStore() {
        java.util.List<QueuedMessage> handed = new java.util.ArrayList<>();
        synchronized (lock) {
            if (pager == null) {
                return handed;
            }
            for (Iterator<QueuedMessage> it = ready.iterator(); it.hasNext(); ) {
                QueuedMessage m = it.next();
                if (m.persistent()) {
                    it.remove();
                    handed.add(m);
                }
            }
            paged = true;
            storedOnly += handed.size();
        }
        return handed;
    }

    /**
     * As {@link #handToStore()}, if this queue has no consumer here: on a store other nodes share, what a
     * node holds for no consumer of its own is for the others (a send kept in memory just as they came, whose
     * enqueue followed the hand-back, or a hand-back that failed).
     */
    java.util.List<QueuedMessage> handToStoreIfNoConsumer() {
        synchronized (lock) {
            return consumers.isEmpty() && !readByBroker ? handToStore() : new java.util.ArrayList<>();
        }
    }

    /** Whether {@link #handToStoreIfNoConsumer()} would hand anything over now. */
    boolean holdsForNoConsumer() {
        synchronized (lock) {
            return pager != null && consumers.isEmpty() && !readByBroker
                    && ready.stream().anyMatch(QueuedMessage::persistent);
        }
    }

    /** The lease holds again: the messages kept back meanwhile go to the consumers waiting for them. */
    void handOutKeptBack() {
        java.util.Map<QueuedMessage, Receiver> deliveries = new java.util.LinkedHashMap<>();
        synchronized (lock) {
            for (Iterator<QueuedMessage> it = ready.iterator(); it.hasNext() && !waiting.isEmpty(); ) {
                QueuedMessage m = it.next();
                for (Iterator<Receiver> w = waiting.iterator(); w.hasNext(); ) {
                    Receiver candidate = w.next();
                    if (candidate.accepts(m)) {
                        w.remove();
                        it.remove();
                        deliveries.put(m, candidate);
                        break;
                    }
                }
            }
        }
        deliveries.forEach((message, receiver) -> receiver.deliver(message));
        loadIfLow();
    }

    /** Returns a message a receiver took but did not deliver; it keeps its place by priority and age. */
    void giveBack(QueuedMessage message) {
        enqueue(message);
    }

    /**
     * Takes the first ready message the receiver accepts, or, when there is none, puts the receiver in
     * line: it will be called back with the next message it accepts unless it leaves the line first with
     * {@link #leaveLine}.
     */
    QueuedMessage takeOrWait(Receiver receiver) {
        QueuedMessage taken = null;
        boolean load;
        synchronized (lock) {
            boolean holdsClaims = pager == null || pager.holdsClaims();
            for (Iterator<QueuedMessage> it = ready.iterator(); it.hasNext(); ) {
                QueuedMessage candidate = it.next();
                if (candidate.persistent() && !holdsClaims) {
                    continue; // this broker's lease does not hold now: another node may take it over
                }
                if (receiver.accepts(candidate)) {
                    it.remove();
                    taken = candidate;
                    break;
                }
            }
            if (taken == null && !waiting.contains(receiver)) {
                waiting.add(receiver);
            }
            load = startLoadLocked();
        }
        if (load) {
            pager.requestLoad(this); // the take made room: the next page is on its way
        }
        return taken;
    }

    /** Whether a persistent message being sent here is kept in memory; if not, only the store keeps it. */
    boolean keepsInMemory() {
        return keepsInMemory(false);
    }

    /** As {@link #keepsInMemory()}; {@code memoryShort}: the broker has no memory for it, so it pages now. */
    boolean keepsInMemory(boolean memoryShort) {
        if (pager == null) {
            return true;
        }
        synchronized (lock) {
            if (!pager.clustered() && !paged && !memoryShort && ready.size() < pager.memoryLimit()) {
                return true;
            }
            paged = true;
            toStoreInFlight++;
            return false;
        }
    }

    /** A send that only the store keeps has committed. */
    void storedOnlyArrived() {
        synchronized (lock) {
            toStoreInFlight--;
            storeArrivals++;
            storedOnly++;
        }
        loadIfLow();
    }

    /** Messages of this queue were committed to the store for any node to claim (an XA branch's sends). */
    void arrivedInStore(int count) {
        synchronized (lock) {
            paged = true;
            storeArrivals += count;
            storedOnly += count;
        }
        loadIfLow();
    }

    /** Management took messages that waited in the store only. */
    void storedOnlyTaken(int count) {
        synchronized (lock) {
            storedOnly = Math.max(0, storedOnly - count);
        }
        loadIfLow();
    }

    /** A send meant for the store only did not commit. */
    void storedOnlyAbandoned() {
        synchronized (lock) {
            toStoreInFlight--;
        }
    }

    /** The store may hold messages of this queue that no one has loaded (at start-up). */
    void pagedFromStore(long count) {
        synchronized (lock) {
            paged = true;
            storedOnly = count;
        }
    }

    /** Asks for the next page from the store when the queue is paged and its memory half empty. */
    void loadIfLow() {
        if (startLoad()) {
            pager.requestLoad(this);
        }
    }

    /** @return whether the caller is to load the next page now (no other load is running) */
    boolean startLoad() {
        synchronized (lock) {
            return startLoadLocked();
        }
    }

    private boolean startLoadLocked() {
        if (pager == null || ready.size() > pager.memoryLimit() / 2) {
            return false;
        }
        if (!paged && !pager.clustered()) {
            return false;
        }
        if (pager.clustered() && waiting.isEmpty()) {
            return false; // no consumer here wants one now: the messages are for whichever node asks
        }
        if (loading) {
            loadAgain = true;
            return false;
        }
        loading = true;
        return true;
    }

    /** How many messages the next page should bring, and the store arrivals seen before it was read. */
    record PageRequest(int wanted, long storeArrivalsBefore) {
    }

    PageRequest beginLoad() {
        synchronized (lock) {
            int room = pager.memoryLimit() - ready.size();
            // Nodes sharing the store: what the consumers here take next, and a few more each so that a busy
            // consumer finds its next message here: more while claims come back full (a backlog to drain),
            // fewer once they come back short, so that a small backlog is shared with the other nodes.
            int wanted = pager.clustered()
                    ? Math.min(room, waiting.size() + clusterPrefetch * Math.max(1, consumers.size())) : room;
            return new PageRequest(Math.max(1, wanted), storeArrivals);
        }
    }

    /**
     * Puts a loaded page in line and decides whether the queue is still paged.
     *
     * @param more whether the store still holds unclaimed messages of this queue (due or not)
     * @return whether to try again later: the store holds messages that could not be claimed yet
     */
    boolean loaded(PageRequest request, java.util.List<QueuedMessage> page, boolean more) {
        java.util.Map<QueuedMessage, Receiver> deliveries = new java.util.LinkedHashMap<>();
        boolean again;
        boolean retryLater;
        synchronized (lock) {
            // Placed and paged state decided at once, so no new arrival gets in between.
            paged |= pager.clustered();
            if (pager.clustered()) {
                clusterPrefetch = page.size() == request.wanted() ? Math.min(64, clusterPrefetch * 2)
                        : Math.max(2, clusterPrefetch / 2);
            }
            for (QueuedMessage message : page) {
                Receiver receiver = place(message);
                if (receiver != null) {
                    deliveries.put(message, receiver);
                }
            }
            loading = false;
            // An estimate while more wait (counting them would read the whole queue), exact when none do.
            storedOnly = more ? Math.max(1, storedOnly - page.size()) : 0;
            // Nothing left, nothing on its way, and nothing arrived while the page was read: back to memory.
            if (!pager.clustered() && !more && toStoreInFlight == 0
                    && storeArrivals == request.storeArrivalsBefore()) {
                paged = false;
            }
            again = loadAgain || (paged && page.size() == request.wanted());
            loadAgain = false;
            // On a shared store the queue stays paged: a consumer still waiting looks again later (PageLoader).
            retryLater = paged && !again && page.size() < request.wanted();
        }
        deliveries.forEach((message, receiver) -> receiver.deliver(message));
        if (again) {
            loadIfLow();
        }
        return retryLater;
    }

    void loadFailed() {
        synchronized (lock) {
            loading = false;
            loadAgain = false;
        }
    }

    /** @return {@code true} if the receiver was still in line, so no message is on its way to it */
    boolean leaveLine(Receiver receiver) {
        synchronized (lock) {
            return waiting.remove(receiver);
        }
    }

    /**
     * The ready messages a browser sees, in delivery order, those its selector matches and not expired: all
     * those in memory, then, when the queue is paged, up to the memory limit of those only the store holds.
     */
    java.util.List<QueuedMessage> browse(org.cairnmq.selector.Selector selector, long now) {
        java.util.List<QueuedMessage> inMemory;
        boolean alsoInStore;
        synchronized (lock) {
            inMemory = new java.util.ArrayList<>(ready);
            alsoInStore = paged;
        }
        if (alsoInStore) {
            inMemory.addAll(pager.peek(this));
        }
        java.util.List<QueuedMessage> seen = new java.util.ArrayList<>();
        for (QueuedMessage m : inMemory) {
            long expiration = m.message().headers().expiration();
            if ((expiration == 0 || expiration > now) && (selector.matchesEverything()
                    || selector.matches(new MessageSelectorFields(m.message(), m.deliveryCount())))) {
                seen.add(m);
            }
        }
        return seen;
    }

    void consumerOpened(EngineConsumer consumer) {
        consumers.add(consumer);
    }

    void consumerClosed(EngineConsumer consumer) {
        consumers.remove(consumer);
    }

    int consumers() {
        return consumers.size();
    }

    /** The attached consumers, for management. */
    java.util.List<EngineConsumer> consumerList() {
        return java.util.List.copyOf(consumers);
    }

    /** Age of the oldest message waiting in memory, or -1 when none. */
    long oldestAgeMillis(long now) {
        synchronized (lock) {
            long oldest = Long.MAX_VALUE;
            for (QueuedMessage m : ready) {
                oldest = Math.min(oldest, m.message().headers().timestamp());
            }
            return oldest == Long.MAX_VALUE ? -1 : Math.max(0, now - oldest);
        }
    }

    /**
     * Takes a waiting message out of memory so that management can act on it.
     *
     * @return the message, or {@code null} if it is not waiting in memory (delivered, scheduled, or only in
     *         the store)
     */
    QueuedMessage removeReady(java.util.function.Predicate<QueuedMessage> which) {
        synchronized (lock) {
            for (Iterator<QueuedMessage> it = ready.iterator(); it.hasNext(); ) {
                QueuedMessage m = it.next();
                if (which.test(m)) {
                    it.remove();
                    return m;
                }
            }
            return null;
        }
    }

    /** The waiting messages in memory, in delivery order. */
    java.util.List<QueuedMessage> readySnapshot() {
        synchronized (lock) {
            return new java.util.ArrayList<>(ready);
        }
    }

    /** Whether some of this queue's messages wait in the store only. */
    boolean paged() {
        synchronized (lock) {
            return paged;
        }
    }

    int inMemory() {
        synchronized (lock) {
            return ready.size();
        }
    }

    /**
     * Messages ready for delivery now, in memory or only in the store (not counting those delivered). On a
     * store other nodes share: every message the store holds for this queue, delivered or not, whichever
     * node holds it, so that every node gives the same figure (what one node holds in memory is not known
     * to the others).
     */
    long depth() {
        if (pager != null && pager.clustered()) {
            try {
                return pager.storedCount(this) + nonPersistentReady();
            } catch (RuntimeException storeFailed) {
                // the store does not answer: this node's own estimate
            }
        }
        synchronized (lock) {
            return ready.size() + storedOnly;
        }
    }

    private int nonPersistentReady() {
        synchronized (lock) {
            int count = 0;
            for (QueuedMessage m : ready) {
                if (!m.persistent()) {
                    count++;
                }
            }
            return count;
        }
    }

    /**
     * Drops every ready message, returning them, for a queue or subscription that is being removed; messages
     * that come back later (redelivered, or due on the timer) are dropped too. Their memory is released.
     */
    java.util.List<QueuedMessage> drain() {
        java.util.List<QueuedMessage> all;
        synchronized (lock) {
            dropped = true;
            all = new java.util.ArrayList<>(ready);
            ready.clear();
        }
        all.forEach(QueuedMessage::releaseMemory);
        return all;
    }
}
