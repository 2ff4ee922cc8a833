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
        return new BenchResult(JsonFields.whole(json, "sent"), JsonFields.whole(json, "received"),
                JsonFields.whole(json, "lost"), JsonFields.whole(json, "duplicated"),
                JsonFields.whole(json, "elapsedMillis"), JsonFields.number(json, "rate"),
                JsonFields.whole(json, "p50Micros"), JsonFields.whole(json, "p99Micros"));
    }
}
