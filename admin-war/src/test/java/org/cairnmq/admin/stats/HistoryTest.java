package org.cairnmq.admin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void ratesAreCounterGrowthOverTheTimeBetweenReadings() {
        History history = new History(10);
        history.record(new Counters(10_000, 5, 1, 100, 50, 0, 0));
        history.record(new Counters(15_000, 20, 2, 150, 60, 5, 10));

        StatisticsPoint latest = history.latest();
        assertEquals(20, latest.depth());
        assertEquals(10.0, latest.enqueuedPerSecond());
        assertEquals(2.0, latest.dequeuedPerSecond());
        assertEquals(1.0, latest.expiredPerSecond());
        assertEquals(2.0, latest.deadLetteredPerSecond());
    }

    @Test
    void firstReadingAndCountersThatWentDownGiveNoRate() {
        History history = new History(10);
        history.record(new Counters(0, 0, 0, 100, 100, 0, 0));
        assertEquals(0.0, history.latest().enqueuedPerSecond());
        history.record(new Counters(1_000, 0, 0, 3, 3, 0, 0));
        assertEquals(0.0, history.latest().enqueuedPerSecond(), "the destination was deleted and created again");
    }

    @Test
    void keepsOnlyTheNewestPoints() {
        History history = new History(3);
        for (int i = 0; i < 5; i++) {
            history.record(new Counters(i * 1_000L, i, 0, 0, 0, 0, 0));
        }
        List<StatisticsPoint> points = history.points();
        assertEquals(List.of(2L, 3L, 4L), points.stream().map(StatisticsPoint::depth).toList());
    }
}
