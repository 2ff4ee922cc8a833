package org.cairnmq.engine;

/** Names a destination together with its kind, as {@code queue:<name>} or {@code topic:<name>}. */
public record DestinationAddress(Kind kind, String name) {

    /** Whether the destination is point-to-point or publish/subscribe. */
    public enum Kind { QUEUE, TOPIC }

    public static DestinationAddress queue(String name) {
        return new DestinationAddress(Kind.QUEUE, name);
    }

    public static DestinationAddress topic(String name) {
        return new DestinationAddress(Kind.TOPIC, name);
    }

    /** Reads the form {@link #toString()} writes; {@code null} stays {@code null}. */
    public static DestinationAddress parse(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new BrokerException(BrokerException.Kind.INVALID_DESTINATION, "Not a destination address: " + text);
        }
        Kind kind = Kind.valueOf(text.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
        return new DestinationAddress(kind, text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
