package org.cairnmq.selector;

/** {@code identifier IS [NOT] NULL}: never unknown. */
record IsNull(Expression operand, boolean negated) implements Expression {

    @Override
    public Object evaluate(SelectorFields fields) {
        return (operand.evaluate(fields) == null) != negated;
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }
}
