package org.cairnmq.admin.stats;

/**
 * One point of a chart: a destination's (or all destinations') depth at a moment, and the rates over the
 * interval that ended then, in messages per second.
 */
public record StatisticsPoint(long time, long depth, long inFlight, double enqueuedPerSecond,
        double dequeuedPerSecond, double expiredPerSecond, double deadLetteredPerSecond) {
}
