package org.cairnmq.management;

import java.util.List;
import java.util.Map;
import org.cairnmq.destination.DeliveryPolicy;

/**
 * Everything an operator can see and do on a running broker: destinations and their statistics,
 * subscriptions, messages (browse, search, view) and repairs (purge, delete, move, copy, retry from a
 * dead-letter queue, send a test message). The admin console, its REST API and JMX all go through this
 * one interface; none of them touches the store.
 *
 * <p>Operations on many messages are safe to repeat: each reports how many messages matched, how many it
 * changed, and how many it had to skip because a consumer holds them right now (delivered and not yet
 * acknowledged) or another broker instance does. A skipped message is untouched.
 *
 * <p>Failures are {@link ManagementException}s whose {@link ManagementException.Kind} says whose fault
 * they are (an unknown destination, a bad request, a conflict with the broker's state).
 */
public interface BrokerManagement {

    /**
     * The name this broker registered under in its store (its lease): on a server, the node name it was
     * given; unique among the brokers that share one database, so it tells their statistics apart.
     */
    String nodeName();

    /**
     * Every broker instance registered in this broker's store, this one included, sorted by node name:
     * whether its lease is live, and its consumers and claimed messages as of its last renewal. Read from
     * the store on each call (blocks until it answers); for a store that records no nodes, this node alone.
     * A node whose lease another node took over is missing until it joins again, at its next renewal.
     *
     * @throws ManagementException {@code FAILED} when the store failed
     */
    List<NodeView> nodes();

    /** Every queue and topic (temporary ones included), sorted by type and name. */
    List<DestinationView> destinations();

    /** One destination; {@code NOT_FOUND} if there is none of that type and name. */
    DestinationView destination(DestinationType type, String name);

    /**
     * Creates a queue or topic, kept in the store so that it exists after a restart and on every broker
     * sharing the database, even while empty; {@code CONFLICT} if it exists, {@code INVALID} for a reserved
     * name or one the store cannot keep (blank, over 255 characters, control characters, lone surrogates),
     * {@code FAILED} when the store failed (then nothing was created).
     */
    DestinationView createDestination(DestinationType type, String name);

    /**
     * Deletes a queue with its messages, or a topic with its subscriptions and their messages;
     * {@code CONFLICT} while consumers are attached.
     *
     * @return how many messages were deleted with it
     */
    long deleteDestination(DestinationType type, String name);

    /** The redelivery, dead-letter and expiry policy in force for a queue or topic. */
    DeliveryPolicy deliveryPolicy(DestinationType type, String name);

    /**
     * Sets a destination's own policy, kept in the store for restarts and for every broker sharing the
     * database; {@code null} goes back to the broker's default. {@code INVALID} for a queue's policy that
     * dead-letters into the queue itself; {@code FAILED} when the store failed (then the policy in force
     * did not change). {@link DeliveryPolicy} itself refuses values that cannot work.
     */
    void setDeliveryPolicy(DestinationType type, String name, DeliveryPolicy policy);

    /**
     * The flow-control memory limit in force for a queue or topic, whether it is the destination's own, and
     * the memory in use; {@code NOT_FOUND} if there is no such destination.
     */
    MemoryLimitView memoryLimit(DestinationType type, String name);

    /**
     * Sets a destination's own memory limit for messages that cannot page (for a topic, the limit of each of
     * its subscriptions), kept in the store for restarts and for every broker sharing the database (each
     * takes it in at its next re-read of the settings). It wins over the broker's configured limits for
     * that name and takes effect with the next send; messages already held stay. A queue and a topic of one
     * name share it. Blocks until the store has committed it.
     *
     * @param limitBytes at least 1
     * @param policy     {@code "BLOCK"} or {@code "FAIL"}
     * @throws ManagementException {@code NOT_FOUND} if there is no such destination, {@code INVALID} for a
     *                             limit below 1 byte or another policy (then nothing changed), {@code FAILED}
     *                             when the store failed (then the limit in force did not change)
     */
    void setMemoryLimit(DestinationType type, String name, long limitBytes, String policy);

    /**
     * Removes a destination's own memory limit: the broker's configured limit applies to it again. Removing
     * a limit it does not have changes nothing. Stored and shared like {@link #setMemoryLimit}.
     *
     * @throws ManagementException {@code NOT_FOUND} if there is no such destination, {@code FAILED} when the
     *                             store failed (then the limit in force did not change)
     */
    void clearMemoryLimit(DestinationType type, String name);

    /** Every attached consumer, sorted by destination, for finding one that is stuck or slow. */
    List<ConsumerView> consumers();

    /** Durable and shared subscriptions, sorted by topic and name. */
    List<SubscriptionView> subscriptions();

    /** Deletes a durable subscription and its messages; {@code CONFLICT} while it has consumers. */
    void deleteSubscription(String clientId, String name);

    /**
     * Messages of a queue that match the query, oldest first, one page at a time: pass the page's
     * {@link MessagePage#next()} as the query's {@code after} for the next page.
     */
    MessagePage browse(String queue, MessageQuery query);

    /** One message of a queue by its {@link MessageView#handle()}; {@code NOT_FOUND} if it is gone. */
    MessageView message(String queue, String handle);

    /** Deletes every message of a queue that matches the query ({@link MessageQuery#all()} purges it). */
    OperationResult delete(String queue, MessageQuery query);

    /** Deletes the messages with these handles. */
    OperationResult delete(String queue, List<String> handles);

    /** Moves matching messages to another queue (delivery count starts again). */
    OperationResult move(String queue, MessageQuery query, String toQueue);

    OperationResult move(String queue, List<String> handles, String toQueue);

    /** Copies matching messages to another queue; the originals stay. */
    OperationResult copy(String queue, MessageQuery query, String toQueue);

    OperationResult copy(String queue, List<String> handles, String toQueue);

    /**
     * Sends dead-lettered or expired messages back where they came from (their
     * {@code CairnOriginalDestination}), without the dead-letter properties and with the delivery count
     * starting again. Messages without an original destination are skipped.
     */
    OperationResult retry(String queue, MessageQuery query);

    OperationResult retry(String queue, List<String> handles);

    /**
     * Sends a text message, as an application would.
     *
     * @return its JMSMessageID
     */
    String send(DestinationType type, String name, String text, Map<String, Object> properties, boolean persistent);
}
