package org.cairnmq.it.bench;

import static org.cairnmq.it.bench.JsonFields.number;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of one backlog run, as {@link BacklogRun} reports it.
 *
 * @param json        the result as the server wrote it (kept for backlog.jsonl)
 * @param shallowConcurrentRate consume rate on a shallow queue with the producers sending at the same time
 * @param shallowRate consume rate of the consumers alone on a shallow queue (the reference)
 * @param segments    per measured part of the drain: {messages remaining, msg/s over the part (NaN for the
 *                    first point, before consuming), heap in use after a GC in MiB, the target's store on disk in MiB
 *                    (-1: not known)}
 */
record BacklogResult(String json, long messages, int size, int fillProducers, int consumers, long shallowMessages,
        double shallowConcurrentRate, double shallowRate, double fillSeconds, double fillRate, long storedBytes,
        double deepRate, long lost,
        long duplicated, List<double[]> segments) {
    private static final Pattern SEGMENT = Pattern.compile("\\[(\\d+),(null|[0-9.]+),([0-9.]+),(-?[0-9.]+)\\]");

    static BacklogResult fromJson(String json) {
        List<double[]> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(json.substring(json.indexOf("\"segments\":")));
        while (m.find()) {
            segments.add(new double[] {Double.parseDouble(m.group(1)),
                    m.group(2).equals("null") ? Double.NaN : Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                    Double.parseDouble(m.group(4))});
        }
        return new BacklogResult(json.substring(0, json.lastIndexOf('}')), (long) number(json, "messages"),
                (int) number(json, "size"), (int) number(json, "fillProducers"), (int) number(json, "consumers"),
                (long) number(json, "shallowMessages"), number(json, "shallowConcurrentRate"),
                number(json, "shallowRate"), number(json, "fillSeconds"),
                number(json, "fillRate"), (long) number(json, "storedBytes"), number(json, "deepRate"),
                (long) number(json, "lost"), (long) number(json, "duplicated"), segments);
    }

    /** The rates of the drain's segments (without the starting point). */
    double[] deepRates() {
        return segments.stream().mapToDouble(s -> s[1]).filter(r -> !Double.isNaN(r)).toArray();
    }
}
