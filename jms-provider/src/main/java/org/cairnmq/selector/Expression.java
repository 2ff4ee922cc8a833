package org.cairnmq.selector;

/**
 * A node of a compiled selector: the evaluator, kept apart from the parser. Nodes are immutable
 * records, so a tree may be evaluated by many threads at once.
 *
 * <p>{@link #evaluate(SelectorFields)} yields a {@code Long} (every exact number), a {@code Double}
 * (every approximate number), a {@code String}, a {@code Boolean}, {@code null} for SQL's NULL and for
 * the unknown truth value, or a value of a type the language does not know (which compares false with
 * everything). Conditions yield {@code Boolean} or {@code null} only. Evaluation never throws on its own.
 */
sealed interface Expression
        permits Literal, Identifier, UnaryArithmetic, Arithmetic, Comparison, Between, InList, Like,
                IsNull, BooleanValue, Not, And, Or {

    Object evaluate(SelectorFields fields);

    ValueType type();
}
