package org.cairnmq.admin.rest;

import java.util.List;
import org.cairnmq.admin.stats.StatisticsPoint;

/** Recent points for a chart, oldest first, one every {@code intervalMillis}. */
public record HistoryJson(long intervalMillis, List<StatisticsPoint> points) {
}
