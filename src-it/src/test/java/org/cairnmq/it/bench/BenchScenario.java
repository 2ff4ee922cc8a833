package org.cairnmq.it.bench;

/** What one benchmark run measures. Every scenario checks that each message arrived exactly once. */
public enum BenchScenario {
    /** Persistent messages, no transaction, auto-acknowledge: msg/s received. */
    PERSISTENT,
    /** Non-persistent messages: msg/s received. */
    NON_PERSISTENT,
    /**
     * Persistent messages sent and received in transactions of 100: local session transactions on a
     * factory that allows them outside JTA, JTA transactions (UserTransaction) on pooled factories.
     */
    TRANSACTED,
    /** Requesters send a persistent request and wait for its reply on a temporary queue: round trips/s. */
    REQUEST_REPLY,
    /** Publishers send to a topic with four subscribers: msg/s published (each subscriber gets all). */
    FAN_OUT,
    /** One producer at a fixed rate; end-to-end latency percentiles (microseconds). */
    LATENCY
}
