package org.cairnmq.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cairnmq.management.DestinationType;
import org.cairnmq.management.DestinationView;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static DestinationView queue(String name, long depth, boolean temporary) {
        return new DestinationView(DestinationType.QUEUE, name, depth, depth, 1, 0, 2, 0, 10, 7, 1, 2, 3_500, temporary,
                4_096, 65_536);
    }

    @Test
    void gaugesAndCountersPerDestinationWithTypeAndHelp() {
        String text = PrometheusText.of("node-a", List.of(queue("orders", 3, false)));
        assertTrue(text.contains("# TYPE cairn_destination_depth gauge\n"), text);
        assertTrue(text.contains("cairn_destination_depth{node=\"node-a\",type=\"queue\",name=\"orders\"} 3\n"), text);
        assertTrue(text.contains("cairn_destination_memory_bytes{node=\"node-a\",type=\"queue\",name=\"orders\"} 4096\n"), text);
        assertTrue(text.contains("# TYPE cairn_destination_dequeued_total counter\n"), text);
        assertTrue(text.contains("cairn_destination_dequeued_total{node=\"node-a\",type=\"queue\",name=\"orders\"} 7\n"), text);
        assertTrue(text.contains("cairn_destination_oldest_message_age_seconds{node=\"node-a\",type=\"queue\",name=\"orders\"} 3\n"), text);
    }

    @Test
    void temporaryDestinationsAreLeftOutAndLabelsEscaped() {
        String text = PrometheusText.of("node-a", List.of(queue("tmp", 1, true), queue("a\"b\\c\nd", 1, false)));
        assertFalse(text.contains("tmp"), text);
        assertTrue(text.contains("name=\"a\\\"b\\\\c\\nd\""), text);
        assertEquals("x\\\\y", PrometheusText.escape("x\\y"));
    }
}
