package org.cairnmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed selectors: each is rejected with the position of the offending token and a plain reason. */
class SelectorSyntaxErrorTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                // Parentheses.
                arguments("(a = 1", 7, "unexpected end of selector at position 7, expected ')'"),
                arguments("((a = 1)", 9, "unexpected end of selector at position 9, expected ')'"),
                arguments("a = 1)", 6, "unexpected ')' at position 6, without a matching '('"),
                arguments("(a = 1))", 8, "unexpected ')' at position 8, without a matching '('"),
                arguments(")", 1, "unexpected ')' at position 1, without a matching '('"),
                arguments("()", 2, "unexpected ')' at position 2, expected an operand after '('"),
                // Dangling and doubled operators.
                arguments("a =", 4, "unexpected end of selector at position 4, expected an operand after '='"),
                arguments("a = 1 AND", 10, "unexpected end of selector at position 10, expected an operand after 'AND'"),
                arguments("a = 1 OR", 9, "unexpected end of selector at position 9, expected an operand after 'OR'"),
                arguments("NOT", 4, "unexpected end of selector at position 4, expected an operand after 'NOT'"),
                arguments("a = 1 AND AND b", 11, "unexpected 'AND' at position 11, expected an operand after 'AND'"),
                arguments("a = 1 and or b = 2", 11, "unexpected 'or' at position 11, expected an operand after 'and'"),
                arguments("a = (1 + )", 10, "unexpected ')' at position 10, expected an operand after '+'"),
                arguments("a * / 2 = 1", 5, "unexpected '/' at position 5, expected an operand after '*'"),
                arguments("a == 1", 4, "unexpected '=' at position 4, expected an operand after '='"),
                arguments("a < > 1", 5, "unexpected '>' at position 5, expected an operand after '<'"),
                arguments("= 1", 1, "unexpected '=' at position 1, expected an operand"),
                arguments("a = 1 b", 7, "unexpected 'b' at position 7"),
                arguments("a = 1 = 1", 7, "unexpected '=' at position 7"),
                arguments("a b", 3, "unexpected 'b' at position 3"),
                // Strings and characters.
                arguments("'abc", 1, "unterminated string literal at position 1"),
                arguments("a = 'abc''", 5, "unterminated string literal at position 5"),
                arguments("a = 'it''s", 5, "unterminated string literal at position 5"),
                arguments("a # 1", 3, "unexpected character '#' at position 3"),
                arguments("a != 1", 3, "unexpected character '!' at position 3"),
                arguments("a = \"x\"", 5, "unexpected character '\"' at position 5"),
                arguments("a.b = 1", 2, "unexpected character '.' at position 2"),
                arguments("%uncorrect IS NULL", 1, "unexpected character '%' at position 1"),
                arguments("1uncorrect IS NULL", 2, "unexpected 'uncorrect' at position 2"),
                // NULL, keywords as identifiers.
                arguments("a = NULL", 5, "unexpected 'NULL' at position 5, test for null with IS NULL or IS NOT NULL"),
                arguments("NULL = ZERO", 1, "unexpected 'NULL' at position 1, test for null with IS NULL or IS NOT NULL"),
                arguments("NOT > 0", 5, "unexpected '>' at position 5, expected an operand after 'NOT'"),
                arguments("AND > 0", 1, "unexpected 'AND' at position 1, expected an operand"),
                arguments("OR > 0", 1, "unexpected 'OR' at position 1, expected an operand"),
                arguments("BETWEEN > 0", 1, "unexpected 'BETWEEN' at position 1, expected an operand"),
                arguments("LIKE > 0", 1, "unexpected 'LIKE' at position 1, expected an operand"),
                arguments("IN > 0", 1, "unexpected 'IN' at position 1, expected an operand"),
                arguments("IS > 0", 1, "unexpected 'IS' at position 1, expected an operand"),
                arguments("ESCAPE > 0", 1, "unexpected 'ESCAPE' at position 1, expected an operand"),
                // IN.
                arguments("a IN ()", 7, "unexpected ')' at position 7, expected a string literal"),
                arguments("a IN (1, 2)", 7, "unexpected '1' at position 7, expected a string literal"),
                arguments("a IN ('x', 2)", 12, "unexpected '2' at position 12, expected a string literal"),
                arguments("a IN ('x',)", 11, "unexpected ')' at position 11, expected a string literal"),
                arguments("a IN ('x'", 10, "unexpected end of selector at position 10, expected ')'"),
                arguments("a IN ('x' 'y')", 11, "unexpected string literal 'y' at position 11, expected ')' or ','"),
                arguments("a IN 'x'", 6, "unexpected string literal 'x' at position 6, expected '('"),
                arguments("a IN (b)", 7, "unexpected 'b' at position 7, expected a string literal"),
                // LIKE.
                arguments("a LIKE", 7, "unexpected end of selector at position 7, expected a string literal"),
                arguments("a LIKE 5", 8, "unexpected '5' at position 8, expected a string literal"),
                arguments("a LIKE b", 8, "unexpected 'b' at position 8, expected a string literal"),
                arguments("a LIKE 'x' ESCAPE", 18, "unexpected end of selector at position 18, expected a string literal"),
                arguments("a LIKE 'x' ESCAPE 'ab'", 19, "ESCAPE needs a single character, found 2 at position 19"),
                arguments("a LIKE 'x' ESCAPE ''", 19, "ESCAPE needs a single character, found 0 at position 19"),
                arguments("a LIKE 'x\\' ESCAPE '\\'", 8, "the LIKE pattern ends with its escape character at position 8"),
                arguments("a LIKE 'x\\y' ESCAPE '\\'", 8,
                        "the escape character in a LIKE pattern must be followed by '_', '%' or itself, not 'y' at position 8"),
                // BETWEEN, IS NULL.
                arguments("a BETWEEN 1", 12, "unexpected end of selector at position 12, expected AND"),
                arguments("a BETWEEN 1 OR 2", 13, "unexpected 'OR' at position 13, expected AND"),
                arguments("a BETWEEN 1 AND", 16, "unexpected end of selector at position 16, expected an operand after 'AND'"),
                arguments("a BETWEEN AND 2", 11, "unexpected 'AND' at position 11, expected an operand after 'BETWEEN'"),
                arguments("a IS NOT", 9, "unexpected end of selector at position 9, expected NULL"),
                arguments("a IS 5", 6, "unexpected '5' at position 6, expected NOT or NULL"),
                arguments("a NOT 5", 7, "unexpected '5' at position 7"),
                // Numeric literals.
                arguments("a = 08", 6, "unexpected '8' at position 6"),
                arguments("a = 0x", 6, "unexpected 'x' at position 6"),
                arguments("a = 7E", 6, "unexpected 'E' at position 6"),
                arguments("a = 9223372036854775808", 5,
                        "exact numeric literal 9223372036854775808 is out of the range of long at position 5"),
                arguments("a = -9223372036854775809", 6,
                        "exact numeric literal -9223372036854775809 is out of the range of long at position 6"),
                arguments("a = 0x10000000000000000", 5,
                        "exact numeric literal 0x10000000000000000 is out of the range of long at position 5"),
                arguments("a = 1e999", 5, "approximate numeric literal 1e999 is out of the range of double at position 5"),
                arguments("a = 1e39f", 5, "approximate numeric literal 1e39f is out of the range of float at position 5"),
                // Position counts characters after multi-line text and tabs.
                arguments("a = 1\n\tAND\n\tAND b", 13, "unexpected 'AND' at position 13, expected an operand after 'AND'"));
    }

    @Test
    void deepNestingIsRefusedNotFatal() {
        String deep = "(".repeat(20_000) + "a = 1" + ")".repeat(20_000);

        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class, () -> Selector.parse(deep));

        assertEquals("selector nested too deeply at position 1", e.getMessage());
    }

    @Test
    void moderateNestingIsFine() {
        String nested = "(".repeat(200) + "a = 1" + ")".repeat(200);

        assertTrue(Selector.parse(nested).matches(MapFields.of("a", 1)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void rejectedWithPositionAndReason(String selector, int position, String message) {
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class, () -> Selector.parse(selector));

        assertEquals(message, e.getMessage());
        assertEquals(position, e.position());
        assertEquals(selector, e.selector());
    }

    @Test
    void aSelectorLongerThanTheLimitIsRefusedAndOneAtTheLimitIsTaken() {
        String prefix = "a = '";
        String atLimit = prefix + "x".repeat(Selector.MAX_LENGTH - prefix.length() - 1) + "'";
        assertEquals(Selector.MAX_LENGTH, atLimit.length());
        Selector.parse(atLimit);
        String over = atLimit + " ";
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class, () -> Selector.parse(over));
        assertEquals("selector longer than 262144 characters (262145)", e.getMessage());
    }
}
