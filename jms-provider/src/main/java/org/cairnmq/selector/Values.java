package org.cairnmq.selector;

/**
 * Comparison and arithmetic on selector values, with Java's numeric promotion: two exact numbers work
 * as {@code long}, anything with an approximate number as {@code double}. {@code null} in, unknown
 * ({@code null}) out.
 */
final class Values {

    private Values() {
    }

    /**
     * Brings a message value to the evaluator's types: {@code Byte}, {@code Short} and {@code Integer}
     * become {@code Long}, {@code Float} becomes {@code Double} (the widening Java applies before it
     * compares or computes). Other values pass unchanged.
     */
    static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }

    static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof Double;
    }

    /**
     * Compares two values. Numbers compare with numbers; strings and booleans compare only with their
     * own type and only for {@code =} and {@code <>}. Any other pairing is false; NULL on either side
     * is unknown.
     */
    static Boolean compare(ComparisonOperator op, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        if (left instanceof Long l && right instanceof Long r) {
            return op.test(Long.compare(l, r));
        }
        if (isNumber(left) && isNumber(right)) {
            return op.test(((Number) left).doubleValue(), ((Number) right).doubleValue());
        }
        boolean sameKind = left instanceof String && right instanceof String
                || left instanceof Boolean && right instanceof Boolean;
        if (!sameKind) {
            return Boolean.FALSE;
        }
        return switch (op) {
            case EQ -> left.equals(right);
            case NE -> !left.equals(right);
            default -> Boolean.FALSE;
        };
    }

    /**
     * Applies an arithmetic operator. A non-numeric or NULL operand, and division by zero (exact or
     * approximate), give unknown. Exact arithmetic wraps around on overflow, as Java's {@code long} does.
     */
    static Object compute(ArithmeticOperator op, Object left, Object right) {
        if (!isNumber(left) || !isNumber(right)) {
            return null;
        }
        if (left instanceof Long l && right instanceof Long r) {
            return switch (op) {
                case ADD -> l + r;
                case SUBTRACT -> l - r;
                case MULTIPLY -> l * r;
                case DIVIDE -> r == 0 ? null : l / r;
            };
        }
        double l = ((Number) left).doubleValue();
        double r = ((Number) right).doubleValue();
        return switch (op) {
            case ADD -> l + r;
            case SUBTRACT -> l - r;
            case MULTIPLY -> l * r;
            case DIVIDE -> r == 0.0 ? null : l / r;
        };
    }
}
