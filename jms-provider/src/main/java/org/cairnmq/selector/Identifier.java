package org.cairnmq.selector;

/** A header field or property reference, resolved through {@link SelectorFields}. */
record Identifier(String name, Kind kind, ValueType type) implements Expression {

    /** How the identifier is read. */
    enum Kind {
        /** An application, {@code JMSX} or {@code JMS_} property. */
        PROPERTY,
        /** A header field a selector may name, other than {@code JMSDeliveryMode}. */
        HEADER,
        /** {@code JMSDeliveryMode}, seen by selectors as {@code 'PERSISTENT'} or {@code 'NON_PERSISTENT'}. */
        DELIVERY_MODE,
        /** A {@code JMS} name that is neither an allowed header nor a property: always NULL. */
        ABSENT
    }

    static Identifier of(String name) {
        return switch (name) {
            case SelectorFields.JMS_DELIVERY_MODE -> new Identifier(name, Kind.DELIVERY_MODE, ValueType.STRING);
            case SelectorFields.JMS_PRIORITY, SelectorFields.JMS_TIMESTAMP ->
                    new Identifier(name, Kind.HEADER, ValueType.NUMERIC);
            case SelectorFields.JMS_MESSAGE_ID, SelectorFields.JMS_CORRELATION_ID, SelectorFields.JMS_TYPE ->
                    new Identifier(name, Kind.HEADER, ValueType.STRING);
            default -> name.startsWith("JMS") && !name.startsWith("JMSX") && !name.startsWith("JMS_")
                    ? new Identifier(name, Kind.ABSENT, ValueType.UNKNOWN)
                    : new Identifier(name, Kind.PROPERTY, ValueType.UNKNOWN);
        };
    }

    @Override
    public Object evaluate(SelectorFields fields) {
        return switch (kind) {
            case PROPERTY, HEADER -> Values.normalize(fields.value(name));
            case DELIVERY_MODE -> deliveryMode(fields.value(name));
            case ABSENT -> null;
        };
    }

    private static Object deliveryMode(Object value) {
        if (value instanceof Integer code) {
            return switch (code) {
                case 2 -> SelectorFields.PERSISTENT;
                case 1 -> SelectorFields.NON_PERSISTENT;
                default -> null;
            };
        }
        return value instanceof String ? value : null;
    }
}
