package org.cairnmq.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.cairnmq.store.StoredHeaders;
import org.cairnmq.store.StoredMessage;

/** One row of {@code cairn_message}: a persistent message waiting to be acknowledged. */
@Entity
@Table(name = "cairn_message")
class MessageEntity {

    // Ids come from the sequence in blocks, so that inserts need no round trip per message.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cairn_message_seq")
    @SequenceGenerator(name = "cairn_message_seq", sequenceName = "cairn_message_seq", allocationSize = 100)
    private long id;

    @Column(nullable = false)
    private String destination;

    @Column(name = "subscription_id")
    private long subscriptionId;

    // Non-zero while the message is a send of a prepared XA branch: invisible until it commits.
    @Column(name = "prepared_tx")
    private long preparedTx;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "sent_at", nullable = false)
    private long timestamp;

    @Column(name = "correlation_id")
    private String correlationId;

    @Column(name = "reply_to")
    private String replyTo;

    @Column(name = "message_type")
    private String type;

    @Column(nullable = false)
    private int priority;

    @Column(nullable = false)
    private long expiration;

    @Column(name = "delivery_time", nullable = false)
    private long deliveryTime;

    @Column(name = "delivery_count", nullable = false)
    private int deliveryCount;

    @Column(name = "body_type", nullable = false)
    private int bodyType;

    private byte[] properties;

    private byte[] body;

    // The broker instance dispatching the message from its memory; null while only the store holds it.
    @Column(name = "claimed_by")
    private String claimedBy;

    protected MessageEntity() {
    }

    static MessageEntity of(StoredMessage m) {
        MessageEntity e = new MessageEntity();
        StoredHeaders h = m.headers();
        e.destination = m.destination();
        e.subscriptionId = m.subscriptionId();
        e.messageId = h.messageId();
        e.timestamp = h.timestamp();
        e.correlationId = h.correlationId();
        e.replyTo = h.replyTo();
        e.type = h.type();
        e.priority = h.priority();
        e.expiration = h.expiration();
        e.deliveryTime = h.deliveryTime();
        e.deliveryCount = m.deliveryCount();
        e.properties = m.properties();
        e.bodyType = m.bodyType();
        e.body = m.body();
        return e;
    }

    long id() {
        return id;
    }

    MessageEntity claimedBy(String instanceId) {
        claimedBy = instanceId;
        return this;
    }

    MessageEntity preparedIn(long txId) {
        preparedTx = txId;
        return this;
    }

    StoredMessage toStored() {
        StoredHeaders h = new StoredHeaders(messageId, timestamp, correlationId, replyTo, type, priority,
                expiration, deliveryTime);
        return new StoredMessage(id, destination, subscriptionId, h, deliveryCount, properties, bodyType, body);
    }
}
