package org.cairnmq.selector;

/**
 * {@code value [NOT] BETWEEN low AND high}, evaluated exactly as the specification's equivalents
 * {@code value >= low AND value <= high} and {@code value < low OR value > high}, in three-valued logic.
 */
record Between(Expression value, Expression low, Expression high, boolean negated) implements Expression {

    @Override
    public Object evaluate(SelectorFields fields) {
        Object v = value.evaluate(fields);
        if (v == null) {
            return null;
        }
        Object lo = low.evaluate(fields);
        Object hi = high.evaluate(fields);
        if (negated) {
            return Logic.or(Values.compare(ComparisonOperator.LT, v, lo), Values.compare(ComparisonOperator.GT, v, hi));
        }
        return Logic.and(Values.compare(ComparisonOperator.GE, v, lo), Values.compare(ComparisonOperator.LE, v, hi));
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }
}
