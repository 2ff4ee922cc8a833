package org.cairnmq.selector;

/** Unary {@code -} or {@code +} on a number that is not a literal. A non-number gives unknown. */
record UnaryArithmetic(boolean negate, Expression operand) implements Expression {

    @Override
    public Object evaluate(SelectorFields fields) {
        Object value = operand.evaluate(fields);
        if (value instanceof Long l) {
            return negate ? -l : l;
        }
        if (value instanceof Double d) {
            return negate ? -d : d;
        }
        return null;
    }

    @Override
    public ValueType type() {
        return ValueType.NUMERIC;
    }
}
