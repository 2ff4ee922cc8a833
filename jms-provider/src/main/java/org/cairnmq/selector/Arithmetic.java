package org.cairnmq.selector;

/** A binary arithmetic operation; see {@link Values#compute}. */
record Arithmetic(ArithmeticOperator op, Expression left, Expression right) implements Expression {

    @Override
    public Object evaluate(SelectorFields fields) {
        Object l = left.evaluate(fields);
        if (l == null) {
            return null;
        }
        return Values.compute(op, l, right.evaluate(fields));
    }

    @Override
    public ValueType type() {
        return ValueType.NUMERIC;
    }
}
