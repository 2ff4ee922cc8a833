package org.cairnmq.admin;

import java.util.Locale;
import org.cairnmq.management.DestinationType;
import org.cairnmq.management.DestinationView;

/**
 * A destination's type and name, as the API and the console write them: {@code queue} or {@code topic}
 * in lower case.
 */
public record DestinationKey(DestinationType type, String name) {

    public static DestinationKey of(DestinationView view) {
        return new DestinationKey(view.type(), view.name());
    }

    /** Parses {@code queue} or {@code topic} (any case); {@link IllegalArgumentException} otherwise. */
    public static DestinationType parseType(String type) {
        if (type != null) {
            switch (type.toLowerCase(Locale.ROOT)) {
                case "queue":
                    return DestinationType.QUEUE;
                case "topic":
                    return DestinationType.TOPIC;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("type must be \"queue\" or \"topic\", not " + (type == null ? "missing" : "\"" + type + "\""));
    }

    public static String typeName(DestinationType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    public String typeName() {
        return typeName(type);
    }

    @Override
    public String toString() {
        return typeName() + ":" + name;
    }
}
