package org.cairnmq.it.bench;

/**
 * The outcome of one run.
 *
 * @param sent       messages (or requests) sent
 * @param received   distinct messages received (for fan-out: by every subscriber together)
 * @param lost       sent but never received
 * @param duplicated received more than once
 * @param elapsedMillis from the first send to the last receipt
 * @param rate       the scenario's figure: msg/s, round trips/s, or msg/s published
 * @param p50Micros  median latency (latency and request/reply scenarios), else 0
 * @param p99Micros  99th percentile latency, else 0
 */
public record BenchResult(long sent, long received, long lost, long duplicated, long elapsedMillis, double rate,
        long p50Micros, long p99Micros) {

    /** One line of JSON, as the servlet answers and the report stores. */
    public String toJson() {
        return String.format(java.util.Locale.ROOT,
                "{\"sent\":%d,\"received\":%d,\"lost\":%d,\"duplicated\":%d,\"elapsedMillis\":%d,\"rate\":%.1f,"
                        + "\"p50Micros\":%d,\"p99Micros\":%d}",
                sent, received, lost, duplicated, elapsedMillis, rate, p50Micros, p99Micros);
    }

    /** Reads what {@link #toJson()} wrote. */
    public static BenchResult fromJson(String json) {
        return new BenchResult(number(json, "sent"), number(json, "received"), number(json, "lost"),
                number(json, "duplicated"), number(json, "elapsedMillis"), Double.parseDouble(field(json, "rate")),
                number(json, "p50Micros"), number(json, "p99Micros"));
    }

    private static long number(String json, String name) {
        return Long.parseLong(field(json, name));
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        if (at < 0) {
            throw new IllegalArgumentException("No " + name + " in " + json);
        }
        int from = at + name.length() + 3;
        int to = from;
        while (to < json.length() && ",}".indexOf(json.charAt(to)) < 0) {
            to++;
        }
        return json.substring(from, to);
    }
}
