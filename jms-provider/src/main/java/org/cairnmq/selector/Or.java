package org.cairnmq.selector;

import java.util.List;

/**
 * {@code a OR b OR …}, flattened so that long chains do not nest deeply. Stops at the first true
 * operand, which three-valued logic allows.
 */
record Or(List<Expression> operands) implements Expression {

    Or {
        operands = List.copyOf(operands);
    }

    @Override
    public Object evaluate(SelectorFields fields) {
        Boolean result = Boolean.FALSE;
        for (Expression operand : operands) {
            Boolean value = (Boolean) operand.evaluate(fields);
            if (Boolean.TRUE.equals(value)) {
                return Boolean.TRUE;
            }
            result = Logic.or(result, value);
        }
        return result;
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }
}
