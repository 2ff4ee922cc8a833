package org.cairnmq.selector;

/** {@code left op right}; see {@link Values#compare}. */
record Comparison(ComparisonOperator op, Expression left, Expression right) implements Expression {

    @Override
    public Object evaluate(SelectorFields fields) {
        Object l = left.evaluate(fields);
        if (l == null) {
            return null;
        }
        return Values.compare(op, l, right.evaluate(fields));
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }
}
