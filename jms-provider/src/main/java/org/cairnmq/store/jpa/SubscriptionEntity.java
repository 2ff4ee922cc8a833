package org.cairnmq.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.cairnmq.store.StoredSubscription;

/** One row of {@code cairn_subscription}: a durable topic subscription. */
@Entity
@Table(name = "cairn_subscription")
class SubscriptionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cairn_subscription_seq")
    @SequenceGenerator(name = "cairn_subscription_seq", sequenceName = "cairn_subscription_seq", allocationSize = 1)
    private long id;

    @Column(nullable = false)
    private String topic;

    @Column(nullable = false)
    private String name;

    @Column(name = "client_id")
    private String clientId;

    private String selector;

    @Column(name = "no_local", nullable = false)
    private boolean noLocal;

    @Column(nullable = false)
    private boolean shared;

    protected SubscriptionEntity() {
    }

    static SubscriptionEntity of(StoredSubscription s) {
        SubscriptionEntity e = new SubscriptionEntity();
        e.topic = s.topic();
        e.name = s.name();
        e.clientId = s.clientId();
        e.selector = s.selector();
        e.noLocal = s.noLocal();
        e.shared = s.shared();
        return e;
    }

    long id() {
        return id;
    }

    StoredSubscription toStored() {
        return new StoredSubscription(id, topic, name, clientId, selector, noLocal, shared);
    }
}
