package org.cairnmq.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one queue (or subscription queue) since the broker started, for management. */
final class QueueStatistics {
    final AtomicLong enqueued = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    /** Delivered to a session and not yet acknowledged or given back. */
    final AtomicInteger inFlight = new AtomicInteger();
    /** Waiting in the scheduler for a delivery time or a redelivery back-off. */
    final AtomicInteger scheduled = new AtomicInteger();
}
