package org.cairnmq.engine;

/** Tests: stops and restarts a broker's lease renewals, as a long pause of its process would. */
public final class LeaseControl {
    private LeaseControl() {
    }

    public static void pauseRenewals(Broker broker, boolean paused) {
        broker.lease().pauseRenewals(paused);
    }

    /** Whether the broker's lease holds now, by its own count. */
    public static boolean holdsClaims(Broker broker) {
        return broker.lease().holdsClaims();
    }
}
