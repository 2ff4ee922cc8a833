package org.cairnmq.selector;

/** The comparison operators: {@code = <> > >= < <=}. */
enum ComparisonOperator {
    EQ("="),
    NE("<>"),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** Whether this operator orders values; strings and booleans allow only {@code =} and {@code <>}. */
    boolean orders() {
        return this != EQ && this != NE;
    }

    /** Applies the operator to the result of a {@code compare} method. */
    boolean test(int comparison) {
        return switch (this) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
        };
    }

    /** Applies the operator to two doubles with Java's operators, so NaN compares as Java says. */
    boolean test(double left, double right) {
        return switch (this) {
            case EQ -> left == right;
            case NE -> left != right;
            case GT -> left > right;
            case GE -> left >= right;
            case LT -> left < right;
            case LE -> left <= right;
        };
    }
}
