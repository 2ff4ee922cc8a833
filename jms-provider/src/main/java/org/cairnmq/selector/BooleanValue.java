package org.cairnmq.selector;

/** A property used as a condition: its value if it is a {@code Boolean}, otherwise unknown. */
record BooleanValue(Expression operand) implements Expression {

    @Override
    public Object evaluate(SelectorFields fields) {
        Object value = operand.evaluate(fields);
        return value instanceof Boolean ? value : null;
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }
}
