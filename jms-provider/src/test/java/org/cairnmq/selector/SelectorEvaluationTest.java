package org.cairnmq.selector;

import static org.cairnmq.selector.Truth.FALSE;
import static org.cairnmq.selector.Truth.TRUE;
import static org.cairnmq.selector.Truth.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Comparison, arithmetic, precedence and typing at evaluation time: selector, message, truth value. */
class SelectorEvaluationTest {

    private static final MapFields NUMBERS = MapFields.of(
            "b", (byte) 2, "s", (short) 2, "i", 2, "l", 2L, "f", 2.0f, "d", 2.0,
            "big", Long.MAX_VALUE, "half", 0.5, "tenth", 0.1, "floatTenth", 0.1f, "nan", Double.NaN,
            "zero", 0, "zeroD", 0.0, "neg", -7);
    private static final MapFields MIXED = MapFields.of(
            "str", "2", "text", "abc", "yes", true, "no", false, "n", 2, "other", 'c', "bytes", new byte[] {1});

    static Stream<Arguments> comparisons() {
        return Stream.of(
                // Each operator on exact numbers.
                arguments("i = 2", NUMBERS, TRUE),
                arguments("i = 3", NUMBERS, FALSE),
                arguments("i <> 3", NUMBERS, TRUE),
                arguments("i <> 2", NUMBERS, FALSE),
                arguments("i > 1", NUMBERS, TRUE),
                arguments("i > 2", NUMBERS, FALSE),
                arguments("i >= 2", NUMBERS, TRUE),
                arguments("i >= 3", NUMBERS, FALSE),
                arguments("i < 3", NUMBERS, TRUE),
                arguments("i < 2", NUMBERS, FALSE),
                arguments("i <= 2", NUMBERS, TRUE),
                arguments("i <= 1", NUMBERS, FALSE),
                // byte, short, int, long, float and double compare with each other and with literals.
                arguments("b = s AND s = i AND i = l AND l = f AND f = d AND d = b", NUMBERS, TRUE),
                arguments("b = 2.0 AND s = 2.0 AND i = 2.0 AND l = 2.0 AND f = 2 AND d = 2", NUMBERS, TRUE),
                arguments("b < 2.5 AND f < 3 AND d > 1 AND l >= 2.0 AND i <= 2.0", NUMBERS, TRUE),
                arguments("half = 0.5 AND half = 5E-1 AND half < 1 AND half > 0", NUMBERS, TRUE),
                arguments("tenth = 0.1", NUMBERS, TRUE),
                arguments("floatTenth = 0.1", NUMBERS, FALSE), // Java: 0.1f == 0.1 is false (promotion to double)
                arguments("floatTenth = 0.1f", NUMBERS, TRUE),
                arguments("big = 9223372036854775807", NUMBERS, TRUE),
                arguments("big > 9223372036854775806", NUMBERS, TRUE), // exact, not through double
                arguments("neg = -7 AND neg < -6.5", NUMBERS, TRUE),
                arguments("nan = nan", NUMBERS, FALSE),
                arguments("nan <> nan", NUMBERS, TRUE),
                arguments("nan > 0", NUMBERS, FALSE),
                // Strings: = and <> only; equal when the same characters.
                arguments("text = 'abc'", MIXED, TRUE),
                arguments("text = 'ABC'", MIXED, FALSE),
                arguments("text <> 'abd'", MIXED, TRUE),
                arguments("text <> 'abc'", MIXED, FALSE),
                arguments("text = text", MIXED, TRUE),
                arguments("text = str", MIXED, FALSE),
                arguments("text < str", MIXED, FALSE), // two string properties ordered: false, never an error
                // Booleans.
                arguments("yes = TRUE", MIXED, TRUE),
                arguments("yes = FALSE", MIXED, FALSE),
                arguments("no <> TRUE", MIXED, TRUE),
                arguments("yes = no", MIXED, FALSE),
                arguments("yes > no", MIXED, FALSE),
                arguments("(n = 2) = TRUE", MIXED, TRUE),
                arguments("(n = 2) = (n > 5)", MIXED, FALSE),
                arguments("(n = 2) <> (n > 5)", MIXED, TRUE),
                // Values of different types: the comparison is false, whatever the operator.
                arguments("str = 2", MIXED, FALSE),
                arguments("str > 1", MIXED, FALSE), // the specification's NumberOfOrders example
                arguments("str <> 2", MIXED, FALSE),
                arguments("NOT (str > 1)", MIXED, TRUE),
                arguments("n = '2'", MIXED, FALSE),
                arguments("n <> '2'", MIXED, FALSE),
                arguments("yes = 1", MIXED, FALSE),
                arguments("yes = 'true'", MIXED, FALSE),
                arguments("n = yes", MIXED, FALSE),
                arguments("text = n", MIXED, FALSE),
                arguments("other = 'c'", MIXED, FALSE), // Character is not a selector type
                arguments("other <> 'c'", MIXED, FALSE),
                arguments("bytes = bytes", MIXED, FALSE),
                arguments("other IS NOT NULL", MIXED, TRUE),
                // NULL on either side is unknown.
                arguments("missing = 1", MIXED, UNKNOWN),
                arguments("1 = missing", MIXED, UNKNOWN),
                arguments("missing <> 'x'", MIXED, UNKNOWN),
                arguments("missing = missing", MIXED, UNKNOWN),
                arguments("missing = TRUE", MIXED, UNKNOWN),
                arguments("text = missing", MIXED, UNKNOWN),
                // Literal-only comparisons.
                arguments("1 = 1", MIXED, TRUE),
                arguments("1 = 1.0", MIXED, TRUE),
                arguments("'a' = 'a'", MIXED, TRUE),
                arguments("'a' <> 'a'", MIXED, FALSE),
                arguments("TRUE = TRUE", MIXED, TRUE),
                arguments("TRUE <> FALSE", MIXED, TRUE));
    }

    static Stream<Arguments> arithmetic() {
        return Stream.of(
                arguments("i + 3 = 5", NUMBERS, TRUE),
                arguments("i - 3 = -1", NUMBERS, TRUE),
                arguments("i * 3 = 6", NUMBERS, TRUE),
                arguments("7 / i = 3", NUMBERS, TRUE), // exact division truncates, as Java's long division
                arguments("-7 / i = -3", NUMBERS, TRUE),
                arguments("7 / d = 3.5", NUMBERS, TRUE), // approximate when either side is approximate
                arguments("7.0 / i = 3.5", NUMBERS, TRUE),
                arguments("f * half = 1", NUMBERS, TRUE),
                arguments("b + s + i + l = 8", NUMBERS, TRUE),
                arguments("b * 1000000000 * 1000 = 2000000000000", NUMBERS, TRUE), // computed as long, no int overflow
                arguments("big + 1 = -9223372036854775808", NUMBERS, TRUE), // long wraps as in Java
                arguments("-i = -2", NUMBERS, TRUE),
                arguments("-d = -2.0", NUMBERS, TRUE),
                arguments("+i = 2", NUMBERS, TRUE),
                arguments("- -i = 2", NUMBERS, TRUE),
                arguments("-neg = 7", NUMBERS, TRUE),
                // Division by zero is unknown, exact or approximate.
                arguments("i / 0 = 0", NUMBERS, UNKNOWN),
                arguments("i / zero > 0", NUMBERS, UNKNOWN),
                arguments("d / 0.0 > 0", NUMBERS, UNKNOWN),
                arguments("d / zeroD < 0", NUMBERS, UNKNOWN),
                arguments("i / zero = 0 OR i / zero <> 0", NUMBERS, UNKNOWN),
                arguments("NOT (i / 0 = 0)", NUMBERS, UNKNOWN),
                arguments("0 / i = 0", NUMBERS, TRUE),
                // Arithmetic on NULL, strings and booleans in properties is unknown.
                arguments("missing + 1 = 1", MIXED, UNKNOWN),
                arguments("1 + missing = 1", MIXED, UNKNOWN),
                arguments("-missing = 1", MIXED, UNKNOWN),
                arguments("str + 1 = 3", MIXED, UNKNOWN),
                arguments("str * 1 > 1", MIXED, UNKNOWN),
                arguments("-str = -2", MIXED, UNKNOWN),
                arguments("+str = 2", MIXED, UNKNOWN),
                arguments("yes + 1 = 2", MIXED, UNKNOWN),
                arguments("other + 1 = 2", MIXED, UNKNOWN));
    }

    static Stream<Arguments> precedence() {
        return Stream.of(
                // * and / bind tighter than + and -; unary minus tighter still; left to right within a level.
                arguments("2 + 3 * 4 = 14", MIXED, TRUE),
                arguments("(2 + 3) * 4 = 20", MIXED, TRUE),
                arguments("10 - 4 - 3 = 3", MIXED, TRUE),
                arguments("10 - (4 - 3) = 9", MIXED, TRUE),
                arguments("100 / 10 / 5 = 2", MIXED, TRUE),
                arguments("100 / (10 / 5) = 50", MIXED, TRUE),
                arguments("2 * 3 / 4 = 1", MIXED, TRUE),
                arguments("2 * (3 / 4) = 0", MIXED, TRUE),
                arguments("-2 * 3 = -6", MIXED, TRUE),
                arguments("- n * 3 = -6", MIXED, TRUE),
                arguments("1 - -1 = 2", MIXED, TRUE),
                arguments("n + 1 > 2 * 1", MIXED, TRUE),
                // NOT binds tighter than AND, AND tighter than OR.
                arguments("TRUE OR TRUE AND FALSE", MIXED, TRUE),
                arguments("(TRUE OR TRUE) AND FALSE", MIXED, FALSE),
                arguments("FALSE AND FALSE OR TRUE", MIXED, TRUE),
                arguments("FALSE AND (FALSE OR TRUE)", MIXED, FALSE),
                arguments("NOT FALSE AND FALSE", MIXED, FALSE),
                arguments("NOT (FALSE AND FALSE)", MIXED, TRUE),
                arguments("NOT TRUE OR TRUE", MIXED, TRUE),
                arguments("NOT (TRUE OR TRUE)", MIXED, FALSE),
                arguments("NOT n = 3", MIXED, TRUE),
                arguments("NOT NOT n = 2", MIXED, TRUE),
                arguments("n = 1 OR n = 2 AND text = 'abc'", MIXED, TRUE),
                arguments("n = 1 OR n = 2 AND text = 'x'", MIXED, FALSE),
                arguments("n BETWEEN 1 AND 3 AND text = 'abc'", MIXED, TRUE),
                arguments("n NOT BETWEEN 1 AND 3 OR text = 'abc'", MIXED, TRUE),
                arguments("n BETWEEN 1 + 1 AND 2 * 2", MIXED, TRUE));
    }

    static Stream<Arguments> booleanProperties() {
        return Stream.of(
                arguments("yes", MIXED, TRUE),
                arguments("no", MIXED, FALSE),
                arguments("NOT yes", MIXED, FALSE),
                arguments("yes AND NOT no", MIXED, TRUE),
                arguments("(yes)", MIXED, TRUE),
                arguments("missing", MIXED, UNKNOWN),
                arguments("text", MIXED, UNKNOWN), // not a boolean: unknown
                arguments("n", MIXED, UNKNOWN),
                arguments("NOT str", MIXED, UNKNOWN),
                arguments("TRUE", MIXED, TRUE),
                arguments("FALSE", MIXED, FALSE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource({"comparisons", "arithmetic", "precedence", "booleanProperties"})
    void evaluates(String selector, MapFields fields, Truth expected) {
        assertEquals(expected, Truth.evaluate(selector, fields), () -> selector + " with " + fields);
        assertEquals(expected == TRUE, Selector.parse(selector).matches(fields));
    }
}
