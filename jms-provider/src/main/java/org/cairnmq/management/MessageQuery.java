package org.cairnmq.management;

/**
 * Which messages of a queue an operation or a browse concerns. Every criterion given must hold.
 *
 * @param selector         a JMS message selector over headers and properties, or {@code null}
 * @param bodyContains     text the body must contain (text messages; case-insensitive), or {@code null}
 * @param minDeliveryCount only messages delivered at least this often (0 for any)
 * @param olderThanMillis  only messages sent at least this long ago (0 for any)
 * @param after            where a browse resumes ({@link MessagePage#next()}), or {@code null} from the start
 * @param limit            at most this many messages in a page (browse only; 1 to 1,000)
 */
public record MessageQuery(String selector, String bodyContains, int minDeliveryCount, long olderThanMillis,
        String after, int limit) {

    public MessageQuery {
        if (limit < 1 || limit > 1_000) {
            throw new ManagementException(ManagementException.Kind.INVALID, "limit must be 1 to 1000: " + limit);
        }
        if (minDeliveryCount < 0 || olderThanMillis < 0) {
            throw new ManagementException(ManagementException.Kind.INVALID,
                    "minDeliveryCount and olderThanMillis cannot be negative");
        }
    }

    /** Every message, in pages of 100. */
    public static MessageQuery all() {
        return new MessageQuery(null, null, 0, 0, null, 100);
    }

    public MessageQuery withSelector(String newSelector) {
        return new MessageQuery(newSelector, bodyContains, minDeliveryCount, olderThanMillis, after, limit);
    }

    public MessageQuery withBodyContaining(String text) {
        return new MessageQuery(selector, text, minDeliveryCount, olderThanMillis, after, limit);
    }

    public MessageQuery withMinDeliveryCount(int count) {
        return new MessageQuery(selector, bodyContains, count, olderThanMillis, after, limit);
    }

    public MessageQuery olderThan(long millis) {
        return new MessageQuery(selector, bodyContains, minDeliveryCount, millis, after, limit);
    }

    public MessageQuery after(String position) {
        return new MessageQuery(selector, bodyContains, minDeliveryCount, olderThanMillis, position, limit);
    }

    public MessageQuery limit(int messages) {
        return new MessageQuery(selector, bodyContains, minDeliveryCount, olderThanMillis, after, messages);
    }
}
