package org.cairnmq.selector;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Literals, identifiers, keywords and white space, as the specification writes them. */
class SelectorLiteralTest {

    static Stream<Arguments> numericLiterals() {
        return Stream.of(
                // Exact numerics: Java integer literal syntax, as long.
                arguments("57", 57L),
                arguments("-957", -957L),
                arguments("+62", 62L),
                arguments("0", 0L),
                arguments("12L", 12L),
                arguments("12l", 12L),
                arguments("0x1F", 31L),
                arguments("0XffL", 255L),
                arguments("010", 8L),
                arguments("9223372036854775807", Long.MAX_VALUE),
                arguments("-9223372036854775808", Long.MIN_VALUE),
                arguments("0xFFFFFFFFFFFFFFFF", -1L),
                arguments("- 5", -5L),
                arguments("--5", 5L),
                // Approximate numerics: Java floating-point literal syntax, as double.
                arguments("7E3", 7000.0),
                arguments("-57.9E2", -5790.0),
                arguments("7.", 7.0),
                arguments("-95.7", -95.7),
                arguments("+6.2", 6.2),
                arguments(".5", 0.5),
                arguments("0.0", 0.0),
                arguments("0.", 0.0),
                arguments("1e-3", 0.001),
                arguments("1.5E+2", 150.0),
                arguments("2d", 2.0),
                arguments("2.5D", 2.5),
                arguments("1.5f", 1.5),
                arguments("1.1f", (double) 1.1f),
                arguments("1.7976931348623157E308", Double.MAX_VALUE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("numericLiterals")
    void numericLiteralValue(String literal, Object expected) {
        Expression tree = SelectorCompiler.compile("x = " + literal);

        Object value = ((Comparison) tree).right().evaluate(MapFields.of());
        assertEquals(expected, value);
        assertEquals(Truth.TRUE, Truth.evaluate("x = " + literal, MapFields.of("x", expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"57", "-957", "+62", "7E3", "-57.9E2", "7.", "-95.7", "+6.2", "0", "0.0", "0."})
    void specificationExamplesParse(String literal) {
        assertDoesNotThrow(() -> Selector.parse("average = " + literal));
    }

    static Stream<Arguments> stringLiterals() {
        return Stream.of(
                arguments("'literal'", "literal"),
                arguments("'literal''s'", "literal's"),
                arguments("''", ""),
                arguments("''''", "'"),
                arguments("'a''''b'", "a''b"),
                arguments("'%_\\.*('", "%_\\.*("),
                arguments("'AND OR NOT'", "AND OR NOT"),
                arguments("'héllo wörld ✓ \uD83D\uDE00'", "héllo wörld ✓ \uD83D\uDE00"),
                arguments("'two\nlines'", "two\nlines"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("stringLiterals")
    void stringLiteralValue(String literal, String expected) {
        assertEquals(Truth.TRUE, Truth.evaluate("s = " + literal, MapFields.of("s", expected)));
        assertEquals(Truth.FALSE, Truth.evaluate("s = " + literal, MapFields.of("s", expected + "x")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUE", "true", "True", "tRuE"})
    void trueIsCaseInsensitive(String literal) {
        assertEquals(Truth.TRUE, Truth.evaluate("b = " + literal, MapFields.of("b", true)));
        assertEquals(Truth.TRUE, Truth.evaluate(literal, MapFields.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FALSE", "false", "False", "fAlSe"})
    void falseIsCaseInsensitive(String literal) {
        assertEquals(Truth.TRUE, Truth.evaluate("b = " + literal, MapFields.of("b", false)));
        assertEquals(Truth.FALSE, Truth.evaluate(literal, MapFields.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a = 1 AND b = 2 OR NOT c = 3",
        "a = 1 and b = 2 or not c = 3",
        "a = 1 And b = 2 Or Not c = 3",
        "a between 1 and 2",
        "a Not Between 1 And 2",
        "a in ('x')",
        "a nOt In ('x')",
        "a like 'x' escape '!'",
        "a NOT like 'x' ESCAPE '!'",
        "a is null",
        "a Is Not Null"})
    void keywordsAreCaseInsensitive(String selector) {
        assertDoesNotThrow(() -> Selector.parse(selector));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_correct", "$correct", "a1", "a_b$c", "été", "€uro", "Σ", "日本",
        "JMSXGroupID", "JMS_Cairn_x", "nullable", "NOTE", "andy", "order", "island", "isNull", "escaped", "trueish",
        "in1", "\uD835\uDC9C"})
    void identifiers(String identifier) {
        assertEquals(Truth.TRUE, Truth.evaluate(identifier + " = 1", MapFields.of(identifier, 1)));
        assertEquals(Truth.TRUE, Truth.evaluate(identifier + " IS NULL", MapFields.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Color", "COLOR", "colour"})
    void identifiersAreCaseSensitive(String other) {
        assertEquals(Truth.UNKNOWN, Truth.evaluate(other + " = 'blue'", MapFields.of("color", "blue")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1", " a = 1 ", "a\t=\t1", "a\n=\r\n1", "\fa\f=\f1", "(a)=(1)", "((((a = 1))))"})
    void whiteSpaceAndParentheses(String selector) {
        assertEquals(Truth.TRUE, Truth.evaluate(selector, MapFields.of("a", 1)));
    }
}
