package org.cairnmq.selector;

/**
 * The values a {@link Selector} reads from one message: its header fields and properties, by the
 * identifier the selector names. The engine implements this over its own message type; the selector
 * package knows no message class.
 *
 * <p>{@link Selector} asks only for these identifiers:
 * <ul>
 *   <li>the header fields a selector may name: {@value #JMS_DELIVERY_MODE}, {@value #JMS_PRIORITY},
 *       {@value #JMS_MESSAGE_ID}, {@value #JMS_TIMESTAMP}, {@value #JMS_CORRELATION_ID} and
 *       {@value #JMS_TYPE};
 *   <li>property names: every identifier that does not begin with {@code JMS}, and those that begin
 *       with {@code JMSX} (defined properties such as {@code JMSXGroupID}) or {@code JMS_}
 *       (provider-specific properties).
 * </ul>
 * Other identifiers that begin with {@code JMS} ({@code JMSExpiration}, {@code JMSRedelivered}, …)
 * are not allowed in selectors and evaluate as {@code NULL} without a call to this interface.
 *
 * <p>Values, by identifier:
 * <ul>
 *   <li>{@value #JMS_DELIVERY_MODE}: the {@code String} {@code "PERSISTENT"} or
 *       {@code "NON_PERSISTENT"}, as selectors compare it (use {@link #deliveryMode(boolean)}). The
 *       {@code Integer} codes of {@code jakarta.jms.DeliveryMode} are accepted too and mapped
 *       ({@code 2} to {@code "PERSISTENT"}, {@code 1} to {@code "NON_PERSISTENT"}, anything else to
 *       {@code NULL}).
 *   <li>{@value #JMS_PRIORITY}: an {@code Integer}; {@value #JMS_TIMESTAMP}: a {@code Long}
 *       (epoch milliseconds, {@code 0} when disabled).
 *   <li>{@value #JMS_MESSAGE_ID}, {@value #JMS_CORRELATION_ID}, {@value #JMS_TYPE}: a {@code String},
 *       or {@code null} when the message has none. A correlation ID held as bytes is not portable;
 *       return {@code null} for it.
 *   <li>a property: its value as it was set, a {@code Boolean}, {@code Byte}, {@code Short},
 *       {@code Integer}, {@code Long}, {@code Float}, {@code Double} or {@code String}, or
 *       {@code null} when the message has no such property. Do not convert: a property set as the
 *       string {@code "2"} must be returned as a {@code String}, and {@code NumberOfOrders > 1} is then
 *       false, as the specification requires. A value of any other type matches no comparison.
 * </ul>
 *
 * <p>Threads: {@link Selector#matches(SelectorFields)} calls {@link #value(String)} on the thread
 * that called it, zero or more times, and does not keep the object. An exception thrown by
 * {@code value} propagates out of {@code matches}.
 */
@FunctionalInterface
public interface SelectorFields {

    /** The header field {@code JMSDeliveryMode}. */
    String JMS_DELIVERY_MODE = "JMSDeliveryMode";
    /** The header field {@code JMSPriority}. */
    String JMS_PRIORITY = "JMSPriority";
    /** The header field {@code JMSMessageID}. */
    String JMS_MESSAGE_ID = "JMSMessageID";
    /** The header field {@code JMSTimestamp}. */
    String JMS_TIMESTAMP = "JMSTimestamp";
    /** The header field {@code JMSCorrelationID}. */
    String JMS_CORRELATION_ID = "JMSCorrelationID";
    /** The header field {@code JMSType}. */
    String JMS_TYPE = "JMSType";

    /** The value selectors see in {@code JMSDeliveryMode} for a persistent message. */
    String PERSISTENT = "PERSISTENT";
    /** The value selectors see in {@code JMSDeliveryMode} for a non-persistent message. */
    String NON_PERSISTENT = "NON_PERSISTENT";

    /**
     * Returns the value of a header field or property of the message.
     *
     * @param identifier a header field name or a property name, as written in the selector
     *     (identifiers are case-sensitive)
     * @return the value, of one of the types listed above, or {@code null} when the message has none
     */
    Object value(String identifier);

    /**
     * Returns the value to give for {@value #JMS_DELIVERY_MODE}.
     *
     * @param persistent whether the message is persistent
     * @return {@value #PERSISTENT} or {@value #NON_PERSISTENT}
     */
    static String deliveryMode(boolean persistent) {
        return persistent ? PERSISTENT : NON_PERSISTENT;
    }
}
