package org.cairnmq.selector;

/** {@code NOT condition}. */
record Not(Expression operand) implements Expression {

    @Override
    public Object evaluate(SelectorFields fields) {
        return Logic.not((Boolean) operand.evaluate(fields));
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }
}
