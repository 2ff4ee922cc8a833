package org.cairnmq.selector;

/** A string, numeric ({@code Long} or {@code Double}) or boolean literal. */
record Literal(Object value, ValueType type) implements Expression {

    @Override
    public Object evaluate(SelectorFields fields) {
        return value;
    }
}
