package org.cairnmq.engine;

import org.cairnmq.destination.DeliveryPolicy;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.cairnmq.store.StoreBatch;

/**
 * What becomes of a delivery that failed or a message that expired: delivered again after its policy's
 * back-off, or moved to the dead-letter or expiry queue (or dropped) in one store transaction. The broker's
 * own moves are tried again while the store fails, so that a message is neither lost nor delivered again
 * meanwhile.
 */
final class Redelivery {
    private static final Logger LOG = Logger.getLogger(Redelivery.class.getName());

    private final Broker broker;
    private final GroupCommit writes;
    private final DeliveryScheduler scheduler;

    Redelivery(Broker broker, GroupCommit writes, DeliveryScheduler scheduler) {
        this.broker = broker;
        this.writes = writes;
        this.scheduler = scheduler;
    }

    /**
     * Deliveries were rolled back, recovered or left unacknowledged: their attempts are recorded in the
     * store, then each is delivered again after the policy's back-off or, once it has had its attempts,
     * moved to the dead-letter queue.
     */
    void redeliver(List<QueuedMessage> failed) {
        recordAttempts(failed);
        failed.forEach(this::redeliverOne);
    }

    private void redeliverOne(QueuedMessage failed) {
        DeliveryPolicy policy = broker.deliveryPolicy(failed.queue.name());
        QueuedMessage next = failed.nextAttempt();
        boolean isDeadLetterQueue = failed.queue.subscriptionId() == 0
                && failed.queue.name().equals(policy.deadLetterQueue());
        if (failed.deliveryCount() >= policy.maxDeliveryAttempts() && !isDeadLetterQueue) {
            moveToDeadEnd(failed, policy.deadLetterQueue(),
                    "delivered " + failed.deliveryCount() + " times without acknowledgement");
            failed.queue.statistics.deadLettered.incrementAndGet();
            return;
        }
        long delay = policy.delayBeforeAttempt(next.deliveryCount());
        broker.enqueueAt(broker.now() + delay, next);
    }

    /**
     * Records in the store the attempts of persistent deliveries that failed, so that after a restart they
     * count (JMSRedelivered, JMSXDeliveryCount, the dead-letter limit). One write for them all; if it
     * fails, the counts in memory still hold and only a restart would undercount.
     */
    private void recordAttempts(List<QueuedMessage> failed) {
        StoreBatch batch = new StoreBatch();
        for (QueuedMessage message : failed) {
            if (message.persistent()) {
                batch.deliveryCount(message.storeId, message.deliveryCount());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            broker.storeCall(() -> writes.commit(batch));
        } catch (RuntimeException e) {
            LOG.warning("Could not record delivery attempts: " + e.getMessage());
        }
    }

    /** A message found expired: to the expiry queue, or dropped. */
    void expire(QueuedMessage expired) {
        String expiryQueue = broker.deliveryPolicy(expired.queue.name()).expiryQueue();
        if (expiryQueue == null) {
            WritePath.Work work = broker.route(List.of(), List.of(expired), broker.clustered());
            retryOnStoreFailure(expired, "drop expired", () -> broker.commit(work));
        } else {
            moveToDeadEnd(expired, expiryQueue, "expired");
        }
        expired.queue.statistics.expired.incrementAndGet();
    }

    /**
     * Moves a message to a queue with its origin and the reason as properties, in one store transaction.
     * If the store fails the move is tried again later: the message is neither lost nor delivered again.
     */
    private void moveToDeadEnd(QueuedMessage message, String queueName, String reason) {
        BrokerMessage original = message.message();
        Map<String, Object> properties = new java.util.LinkedHashMap<>(original.properties());
        properties.put(DeadLetterProperties.ORIGINAL_DESTINATION, message.destination().toString());
        properties.put(DeadLetterProperties.REASON, reason);
        properties.put(DeadLetterProperties.DELIVERY_ATTEMPTS, message.deliveryCount());
        MessageHeaders h = original.headers();
        // The copy must not expire or wait again where it lands.
        MessageHeaders landed = new MessageHeaders(h.messageId(), h.timestamp(), h.correlationId(), h.replyTo(),
                h.type(), h.persistent(), h.priority(), 0, 0);
        OutgoingMessage moved = new OutgoingMessage(DestinationAddress.queue(queueName),
                new BrokerMessage(landed, properties, original.bodyType(), original.body()), null, null);
        // Routed once, committed as often as it takes: a second attempt after an ambiguous failure finds
        // the copy written and does not write it again. Kept in memory where it lands, so no page is waited
        // for; on a shared store, written for any node's consumers of that queue to claim.
        WritePath.Work work = broker.route(List.of(moved), List.of(message), broker.clustered(), true);
        retryOnStoreFailure(message, "move to " + queueName, () -> broker.commit(work));
    }

    /**
     * Runs a removal of the broker's own (expiry, dead-lettering); when the store fails, logs it and runs it
     * again after {@link Broker#STORE_RETRY_MILLIS}, as long as the broker is open.
     */
    private void retryOnStoreFailure(QueuedMessage message, String what, Runnable removal) {
        try {
            removal.run();
        } catch (BrokerException e) {
            if (e.kind() != BrokerException.Kind.RESOURCE) {
                throw e;
            }
            if (org.cairnmq.store.StoreException.causedByClaimsLost(e)) {
                // Another node took the message over with this broker's lapsed lease: it is that node's now.
                message.releaseMemory();
                return;
            }
            LOG.warning("CAIRN-ENGINE-020 Could not "
                    + what + " message " + message.message().headers().messageId() + "; trying again in "
                    + Broker.STORE_RETRY_MILLIS + " ms: " + e.getMessage());
            QueueStatistics statistics = message.queue.statistics;
            statistics.scheduled.incrementAndGet();
            scheduler.at(broker.now() + Broker.STORE_RETRY_MILLIS, () -> {
                statistics.scheduled.decrementAndGet();
                retryOnStoreFailure(message, what, removal);
            });
        }
    }
}
