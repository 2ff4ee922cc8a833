package org.cairnmq.admin.stats;

import org.cairnmq.management.DestinationView;

/** The gauges and counters of one destination (or a sum of them) read at one moment. */
record Counters(long time, long depth, long inFlight, long enqueued, long dequeued, long expired,
        long deadLettered) {

    static Counters zero(long time) {
        return new Counters(time, 0, 0, 0, 0, 0, 0);
    }

    static Counters of(long time, DestinationView view) {
        return new Counters(time, view.depth(), view.inFlight(), view.enqueued(), view.acknowledged(),
                view.expired(), view.deadLettered());
    }

    Counters plus(Counters other) {
        return new Counters(time, depth + other.depth, inFlight + other.inFlight, enqueued + other.enqueued,
                dequeued + other.dequeued, expired + other.expired, deadLettered + other.deadLettered);
    }
}
