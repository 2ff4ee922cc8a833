package org.cairnmq.selector;

/**
 * What an expression yields, as far as the selector text shows it. The tree builder uses it to reject
 * type errors at parse time; {@link #UNKNOWN} (a property) is checked only when a message is evaluated.
 */
enum ValueType {
    NUMERIC("a number"),
    STRING("a string"),
    BOOLEAN("a condition"),
    UNKNOWN("a property");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** Whether a value of this type may stand where {@code wanted} is needed. */
    boolean fits(ValueType wanted) {
        return this == wanted || this == UNKNOWN;
    }
}
