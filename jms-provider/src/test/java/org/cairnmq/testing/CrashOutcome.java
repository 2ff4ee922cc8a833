package org.cairnmq.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What another broker delivered after a {@link BrokerUnderLoad} process was killed, against what that process
 * reported: lost, duplicated, acknowledged yet delivered again, and the few operations in doubt at the kill.
 */
public final class CrashOutcome {
    private final String deliveredLabel;
    private final int producers;
    private final Set<String> sent;
    private final Set<String> acknowledged;
    private final List<String> delivered;
    private final int otherLines;
    private final Set<String> lost = new LinkedHashSet<>();
    private final Set<String> duplicated = new LinkedHashSet<>();
    private final Set<String> acknowledgedButBack = new LinkedHashSet<>();
    private final Set<String> ackInDoubt = new LinkedHashSet<>();
    private final Set<String> sendInDoubt = new LinkedHashSet<>();
    private final Set<String> unexplained = new LinkedHashSet<>();

    /**
     * @param reports        what the killed process wrote in its report file, read to the end
     * @param delivered      the texts' first words as the other broker delivered them, repeats included
     * @param producers      the killed process's producer threads: each may have one send in doubt
     * @param deliveredLabel how the figures line names {@code delivered}, e.g. "delivered after restart"
     */
    public CrashOutcome(LoadReports reports, List<String> delivered, int producers, String deliveredLabel) {
        this.deliveredLabel = deliveredLabel;
        this.producers = producers;
        this.sent = reports.sent();
        this.acknowledged = reports.acknowledged();
        this.delivered = delivered;
        this.otherLines = reports.otherLines();
        Set<String> receivedNotAcknowledged = reports.received();
        receivedNotAcknowledged.removeAll(acknowledged);

        Set<String> seen = new HashSet<>();
        for (String text : delivered) {
            if (!seen.add(text)) {
                duplicated.add(text);
            }
            if (acknowledged.contains(text)) {
                acknowledgedButBack.add(text);
            }
        }
        for (String text : sent) {
            if (!acknowledged.contains(text) && !seen.contains(text)) {
                // Gone without a reported acknowledgement: only the acknowledgement under way at the
                // kill may have committed without being reported.
                (receivedNotAcknowledged.contains(text) ? ackInDoubt : lost).add(text);
            }
        }
        // Delivered but never reported sent: only each producer's send under way at the kill may have
        // committed without being reported, and it is the one after its last reported send.
        Map<String, Long> lastSent = new HashMap<>();
        for (String text : sent) {
            lastSent.merge(producer(text), sequence(text), Math::max);
        }
        for (String text : seen) {
            if (!sent.contains(text)) {
                boolean next = text.matches("p\\d+-\\d+")
                        && sequence(text) == lastSent.getOrDefault(producer(text), 0L) + 1;
                (next ? sendInDoubt : unexplained).add(text);
            }
        }
    }

    /**
     * What must come back for nothing to be lost: every reported send without a reported acknowledgement,
     * except those received when the process died (their acknowledgement may have committed unreported).
     */
    public static Set<String> mustComeBack(LoadReports reports) {
        Set<String> expected = reports.sent();
        expected.removeAll(reports.received());
        return expected;
    }

    public void assertExactlyOnce() {
        assertTrue(lost.isEmpty(), "sent, not acknowledged and never delivered again: " + lost);
        assertTrue(duplicated.isEmpty(), "delivered twice: " + duplicated);
        assertTrue(acknowledgedButBack.isEmpty(), "acknowledged, yet delivered again: " + acknowledgedButBack);
        assertTrue(unexplained.isEmpty(), "delivered, though never sent: " + unexplained);
        assertTrue(ackInDoubt.size() <= 1, "more acknowledgements in doubt than consumers: " + ackInDoubt);
        assertTrue(sendInDoubt.size() <= producers, "more sends in doubt than producers: " + sendInDoubt);
    }

    @Override
    public String toString() {
        return String.format("sent %d, acknowledged %d, %s %d, lost %d, duplicated %d,"
                        + " acknowledged but delivered again %d (in doubt at the kill: %d unreported sends delivered,"
                        + " %d acknowledgement committed unreported; %d other lines in the child's output)",
                sent.size(), acknowledged.size(), deliveredLabel, delivered.size(), lost.size(), duplicated.size(),
                acknowledgedButBack.size(), sendInDoubt.size(), ackInDoubt.size(), otherLines);
    }

    private static String producer(String text) {
        return text.substring(0, text.indexOf('-'));
    }

    private static long sequence(String text) {
        return Long.parseLong(text.substring(text.indexOf('-') + 1));
    }
}
