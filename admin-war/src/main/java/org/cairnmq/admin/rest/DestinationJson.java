package org.cairnmq.admin.rest;

import org.cairnmq.admin.DestinationKey;
import org.cairnmq.admin.stats.StatisticsPoint;
import org.cairnmq.management.DestinationView;

/**
 * A destination in the API: the broker's statistics ({@code dequeued} is what the broker calls
 * acknowledged: consumed for good) and the rates of the latest sampling interval. {@code memoryLimitBytes}
 * is the flow-control limit in force ({@code /memory-limit} says whose it is).
 */
public record DestinationJson(String type, String name, long depth, long inMemory, long inFlight, long scheduled,
        int consumers, int subscriptions, long enqueued, long dequeued, long expired, long deadLettered,
        long oldestMessageAgeMillis, boolean temporary, long memoryBytes, long memoryLimitBytes, RatesJson rates) {

    /** Messages per second over the latest sampling interval (0 until two readings exist). */
    public record RatesJson(double enqueuedPerSecond, double dequeuedPerSecond, double expiredPerSecond,
            double deadLetteredPerSecond) {
        static final RatesJson NONE = new RatesJson(0, 0, 0, 0);

        static RatesJson of(StatisticsPoint point) {
            return new RatesJson(point.enqueuedPerSecond(), point.dequeuedPerSecond(), point.expiredPerSecond(),
                    point.deadLetteredPerSecond());
        }
    }

    static DestinationJson of(DestinationView v, RatesJson rates) {
        return new DestinationJson(DestinationKey.typeName(v.type()), v.name(), v.depth(), v.inMemory(), v.inFlight(),
                v.scheduled(), v.consumers(), v.subscriptions(), v.enqueued(), v.acknowledged(), v.expired(),
                v.deadLettered(), v.oldestMessageAgeMillis(), v.temporary(), v.memoryBytes(), v.memoryLimitBytes(),
                rates);
    }
}
