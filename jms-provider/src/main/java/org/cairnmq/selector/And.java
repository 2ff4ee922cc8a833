package org.cairnmq.selector;

import java.util.List;

/**
 * {@code a AND b AND …}, flattened so that long chains do not nest deeply. Stops at the first false
 * operand, which three-valued logic allows.
 */
record And(List<Expression> operands) implements Expression {

    And {
        operands = List.copyOf(operands);
    }

    @Override
    public Object evaluate(SelectorFields fields) {
        Boolean result = Boolean.TRUE;
        for (Expression operand : operands) {
            Boolean value = (Boolean) operand.evaluate(fields);
            if (Boolean.FALSE.equals(value)) {
                return Boolean.FALSE;
            }
            result = Logic.and(result, value);
        }
        return result;
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }
}
