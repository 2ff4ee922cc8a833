package org.cairnmq.selector;

import java.util.Set;

/**
 * {@code identifier [NOT] IN ('a', 'b', …)}. NULL gives unknown; a value that is not a string equals
 * none of the strings, so {@code IN} is false and {@code NOT IN} true (the specification defines
 * {@code NOT IN} as {@code NOT} of the {@code OR} of the equalities).
 */
record InList(Expression operand, Set<String> values, boolean negated) implements Expression {

    InList {
        values = Set.copyOf(values);
    }

    @Override
    public Object evaluate(SelectorFields fields) {
        Object value = operand.evaluate(fields);
        if (value == null) {
            return null;
        }
        boolean found = value instanceof String s && values.contains(s);
        return found != negated;
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }
}
