package org.cairnmq.selector;

/**
 * {@code identifier [NOT] LIKE pattern [ESCAPE c]}, with the pattern compiled once. NULL gives
 * unknown; a value that is not a string does not match, so {@code LIKE} is false and {@code NOT LIKE}
 * true.
 */
record Like(Expression operand, LikePattern pattern, boolean negated) implements Expression {

    @Override
    public Object evaluate(SelectorFields fields) {
        Object value = operand.evaluate(fields);
        if (value == null) {
            return null;
        }
        boolean matches = value instanceof String s && pattern.matches(s);
        return matches != negated;
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }
}
