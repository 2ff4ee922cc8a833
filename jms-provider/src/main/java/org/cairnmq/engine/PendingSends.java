package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The sends a local transaction holds until it commits, each with the memory it holds meanwhile: a
 * transacted producer that never commits is bounded like any other. At commit the sends give their memory
 * back and routing charges each copy where it lands; a commit that fails puts them back, holding again.
 */
final class PendingSends {
    private final List<OutgoingMessage> sends = new ArrayList<>();
    private final List<MemoryCharge> charges = new ArrayList<>();

    /** The sends taken for a commit, with the memory they held, to put back if the commit fails. */
    record Taken(List<OutgoingMessage> sends, List<MemoryCharge> charges) {
    }

    /** @param charge the memory the send holds, or {@code null} when it holds none */
    synchronized void add(OutgoingMessage send, MemoryCharge charge) {
        sends.add(send);
        charges.add(charge);
    }

    /** Takes every send, releasing their memory (routed, or dropped with a rollback). */
    Taken take() {
        Taken taken;
        synchronized (this) {
            taken = new Taken(new ArrayList<>(sends), new ArrayList<>(charges));
            sends.clear();
            charges.clear();
        }
        taken.charges().stream().filter(java.util.Objects::nonNull).forEach(MemoryCharge::release);
        return taken;
    }

    /** Puts back, ahead of anything added since, what a failed commit took; they hold their memory again. */
    void restore(Taken taken) {
        taken.charges().stream().filter(java.util.Objects::nonNull).forEach(MemoryCharge::holdAgain);
        synchronized (this) {
            sends.addAll(0, taken.sends());
            charges.addAll(0, taken.charges());
        }
    }
}
