package org.cairnmq.it.bench;

import java.util.BitSet;

/**
 * Which of the sequence numbers {@code 0 .. n-1} arrived, one bit each (10 million messages: 1.2 MiB),
 * and how many arrived more than once.
 */
final class SequenceCheck {
    private final long expected;
    private final BitSet seen;
    private long duplicated;

    SequenceCheck(long expected) {
        if (expected > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("At most " + Integer.MAX_VALUE + " messages: " + expected);
        }
        this.expected = expected;
        this.seen = new BitSet((int) expected);
    }

    synchronized void arrived(long sequence) {
        if (sequence < 0 || sequence >= expected) {
            throw new IllegalStateException("Sequence number out of range: " + sequence);
        }
        if (seen.get((int) sequence)) {
            duplicated++;
        } else {
            seen.set((int) sequence);
        }
    }

    synchronized long received() {
        return seen.cardinality();
    }

    synchronized long lost() {
        return expected - seen.cardinality();
    }

    synchronized long duplicated() {
        return duplicated;
    }
}
