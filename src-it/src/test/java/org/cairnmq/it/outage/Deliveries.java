package org.cairnmq.it.outage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every delivery the outage test's bean was given, in order: the text and whether it was flagged redelivered. */
@ApplicationScoped
public class Deliveries {
    private final List<String> deliveries = new CopyOnWriteArrayList<>();

    void record(String text, boolean redelivered) {
        deliveries.add(text + " " + redelivered);
    }

    List<String> all() {
        return List.copyOf(deliveries);
    }
}
