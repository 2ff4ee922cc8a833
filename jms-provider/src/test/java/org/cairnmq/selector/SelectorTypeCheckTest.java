package org.cairnmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Type errors the text itself shows are rejected at parse time, with the position of the culprit. */
class SelectorTypeCheckTest {

    static Stream<Arguments> illTyped() {
        return Stream.of(
                // Arithmetic on strings and booleans.
                arguments("'abc' + 1 = 2", 1, "'+' needs numbers, found a string literal at position 1"),
                arguments("a = 1 - 'x'", 9, "'-' needs numbers, found a string literal at position 9"),
                arguments("a * TRUE = 1", 5, "'*' needs numbers, found a boolean literal at position 5"),
                arguments("-'x' = a", 2, "unary '-' needs numbers, found a string literal at position 2"),
                arguments("+FALSE = a", 2, "unary '+' needs numbers, found a boolean literal at position 2"),
                arguments("(a = 1) + 2 = 3", 1, "'+' needs numbers, found a condition at position 1"),
                arguments("JMSType / 2 = 1", 1, "'/' needs numbers, found JMSType (a string) at position 1"),
                // Comparing values of different types.
                arguments("'abc' = 1", 7, "cannot compare a string literal with a numeric literal at position 7"),
                arguments("'abc' < 1", 7, "cannot compare a string literal with a numeric literal at position 7"),
                arguments("1 <> 'abc'", 3, "cannot compare a numeric literal with a string literal at position 3"),
                arguments("TRUE > 0", 6, "cannot compare a boolean literal with a numeric literal at position 6"),
                arguments("FALSE > 0", 7, "cannot compare a boolean literal with a numeric literal at position 7"),
                arguments("TRUE = 'true'", 6, "cannot compare a boolean literal with a string literal at position 6"),
                arguments("a + 1 = 'x'", 7, "cannot compare an arithmetic expression with a string literal at position 7"),
                arguments("JMSPriority = 'x'", 13, "cannot compare JMSPriority (a number) with a string literal at position 13"),
                arguments("JMSTimestamp = TRUE", 14, "cannot compare JMSTimestamp (a number) with a boolean literal at position 14"),
                arguments("JMSDeliveryMode = 2", 17, "cannot compare JMSDeliveryMode (a string) with a numeric literal at position 17"),
                arguments("JMSType = JMSPriority", 9, "cannot compare JMSType (a string) with JMSPriority (a number) at position 9"),
                arguments("(a = 1) = 1", 9, "cannot compare a condition with a numeric literal at position 9"),
                // Ordering strings and booleans.
                arguments("a < 'b'", 3, "'<' compares numbers only, not a string literal (strings and booleans allow = and <> only) at position 3"),
                arguments("'a' >= b", 5, "'>=' compares numbers only, not a string literal (strings and booleans allow = and <> only) at position 5"),
                arguments("a > TRUE", 3, "'>' compares numbers only, not a boolean literal (strings and booleans allow = and <> only) at position 3"),
                arguments("JMSType <= b", 9, "'<=' compares numbers only, not JMSType (a string) (strings and booleans allow = and <> only) at position 9"),
                arguments("(a = 1) < (b = 1)", 9, "'<' compares numbers only, not a condition (strings and booleans allow = and <> only) at position 9"),
                // Conditions required.
                arguments("5", 1, "a selector must be a condition, found a numeric literal at position 1"),
                arguments("'abc'", 1, "a selector must be a condition, found a string literal at position 1"),
                arguments("a + 1", 1, "a selector must be a condition, found an arithmetic expression at position 1"),
                arguments("JMSType", 1, "a selector must be a condition, found JMSType (a string) at position 1"),
                arguments("NOT 5", 5, "NOT needs a condition, found a numeric literal at position 5"),
                arguments("a = 1 AND 5", 11, "AND needs conditions on both sides, found a numeric literal at position 11"),
                arguments("'x' OR a = 1", 1, "OR needs conditions on both sides, found a string literal at position 1"),
                arguments("(a + 1) AND b", 1, "AND needs conditions on both sides, found an arithmetic expression at position 1"),
                // BETWEEN needs numbers.
                arguments("a BETWEEN 'a' AND 'b'", 11, "BETWEEN needs numbers, found a string literal at position 11"),
                arguments("a BETWEEN 1 AND 'b'", 17, "BETWEEN needs numbers, found a string literal at position 17"),
                arguments("'a' BETWEEN 1 AND 2", 1, "BETWEEN needs numbers, found a string literal at position 1"),
                arguments("JMSType NOT BETWEEN 1 AND 2", 1, "BETWEEN needs numbers, found JMSType (a string) at position 1"),
                arguments("TRUE BETWEEN 1 AND 2", 1, "BETWEEN needs numbers, found a boolean literal at position 1"),
                // IN, LIKE and IS NULL apply to identifiers; IN and LIKE to strings.
                arguments("5 LIKE '5'", 1, "LIKE applies to an identifier, found a numeric literal at position 1"),
                arguments("'abc' LIKE 'a%'", 1, "LIKE applies to an identifier, found a string literal at position 1"),
                arguments("a + 1 NOT LIKE 'a%'", 1, "LIKE applies to an identifier, found an arithmetic expression at position 1"),
                arguments("JMSPriority LIKE '4'", 1, "LIKE applies to strings, found JMSPriority (a number) at position 1"),
                arguments("'UK' IN ('UK')", 1, "IN applies to an identifier, found a string literal at position 1"),
                arguments("a + 1 IN ('x')", 1, "IN applies to an identifier, found an arithmetic expression at position 1"),
                arguments("JMSTimestamp NOT IN ('1')", 1, "IN applies to strings, found JMSTimestamp (a number) at position 1"),
                arguments("1 IS NULL", 1, "IS NULL applies to an identifier, found a numeric literal at position 1"),
                arguments("a + 1 IS NOT NULL", 1, "IS NULL applies to an identifier, found an arithmetic expression at position 1"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("illTyped")
    void rejectedAtParseTime(String selector, int position, String message) {
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class, () -> Selector.parse(selector));

        assertEquals(message, e.getMessage());
        assertEquals(position, e.position());
    }
}
