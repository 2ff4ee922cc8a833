package org.cairnmq.admin.stats;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The recent points of one destination, oldest first, at most {@code capacity}. A rate is the growth of
 * a counter between two consecutive readings divided by the time between them; a counter that went down
 * (the destination was deleted and created again) counts as no growth.
 */
final class History {
    private final int capacity;
    private final ArrayDeque<StatisticsPoint> points = new ArrayDeque<>();
    private Counters last;

    History(int capacity) {
        this.capacity = capacity;
    }

    synchronized void record(Counters now) {
        double enqueued = 0;
        double dequeued = 0;
        double expired = 0;
        double deadLettered = 0;
        if (last != null && now.time() > last.time()) {
            double seconds = (now.time() - last.time()) / 1000.0;
            enqueued = growth(last.enqueued(), now.enqueued()) / seconds;
            dequeued = growth(last.dequeued(), now.dequeued()) / seconds;
            expired = growth(last.expired(), now.expired()) / seconds;
            deadLettered = growth(last.deadLettered(), now.deadLettered()) / seconds;
        }
        last = now;
        if (points.size() == capacity) {
            points.removeFirst();
        }
        points.addLast(new StatisticsPoint(now.time(), now.depth(), now.inFlight(), round(enqueued),
                round(dequeued), round(expired), round(deadLettered)));
    }

    synchronized List<StatisticsPoint> points() {
        return List.copyOf(points);
    }

    /** The newest point, or {@code null} before the first reading. */
    synchronized StatisticsPoint latest() {
        return points.peekLast();
    }

    private static long growth(long before, long after) {
        return Math.max(0, after - before);
    }

    private static double round(double rate) {
        return Math.round(rate * 100) / 100.0;
    }
}
