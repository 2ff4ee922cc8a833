package org.cairnmq.selector;

import static org.cairnmq.selector.Truth.FALSE;
import static org.cairnmq.selector.Truth.TRUE;
import static org.cairnmq.selector.Truth.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AND, OR and NOT tables of the specification. Each truth value is written two ways: as a boolean
 * property ({@code t}, {@code f}, {@code u} missing) and as a comparison ({@code n = 1}, {@code n = 2},
 * {@code missing = 1}).
 */
class ThreeValuedLogicTest {

    private static final MapFields FIELDS = MapFields.of("t", true, "f", false, "n", 1);

    private static String asProperty(Truth value) {
        return switch (value) {
            case TRUE -> "t";
            case FALSE -> "f";
            case UNKNOWN -> "u";
        };
    }

    private static String asComparison(Truth value) {
        return switch (value) {
            case TRUE -> "(n = 1)";
            case FALSE -> "(n = 2)";
            case UNKNOWN -> "(missing = 1)";
        };
    }

    static Stream<Arguments> andTable() {
        return Stream.of(
                arguments(TRUE, TRUE, TRUE), arguments(TRUE, FALSE, FALSE), arguments(TRUE, UNKNOWN, UNKNOWN),
                arguments(FALSE, TRUE, FALSE), arguments(FALSE, FALSE, FALSE), arguments(FALSE, UNKNOWN, FALSE),
                arguments(UNKNOWN, TRUE, UNKNOWN), arguments(UNKNOWN, FALSE, FALSE), arguments(UNKNOWN, UNKNOWN, UNKNOWN));
    }

    static Stream<Arguments> orTable() {
        return Stream.of(
                arguments(TRUE, TRUE, TRUE), arguments(TRUE, FALSE, TRUE), arguments(TRUE, UNKNOWN, TRUE),
                arguments(FALSE, TRUE, TRUE), arguments(FALSE, FALSE, FALSE), arguments(FALSE, UNKNOWN, UNKNOWN),
                arguments(UNKNOWN, TRUE, TRUE), arguments(UNKNOWN, FALSE, UNKNOWN), arguments(UNKNOWN, UNKNOWN, UNKNOWN));
    }

    static Stream<Arguments> notTable() {
        return Stream.of(arguments(TRUE, FALSE), arguments(FALSE, TRUE), arguments(UNKNOWN, UNKNOWN));
    }

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @MethodSource("andTable")
    void and(Truth left, Truth right, Truth expected) {
        assertEquals(expected, Truth.evaluate(asProperty(left) + " AND " + asProperty(right), FIELDS));
        assertEquals(expected, Truth.evaluate(asComparison(left) + " AND " + asComparison(right), FIELDS));
        assertEquals(expected, Truth.evaluate(asProperty(left) + " AND " + asComparison(right), FIELDS));
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @MethodSource("orTable")
    void or(Truth left, Truth right, Truth expected) {
        assertEquals(expected, Truth.evaluate(asProperty(left) + " OR " + asProperty(right), FIELDS));
        assertEquals(expected, Truth.evaluate(asComparison(left) + " OR " + asComparison(right), FIELDS));
        assertEquals(expected, Truth.evaluate(asComparison(left) + " OR " + asProperty(right), FIELDS));
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @MethodSource("notTable")
    void not(Truth operand, Truth expected) {
        assertEquals(expected, Truth.evaluate("NOT " + asProperty(operand), FIELDS));
        assertEquals(expected, Truth.evaluate("NOT " + asComparison(operand), FIELDS));
    }

    static Stream<Arguments> longChains() {
        return Stream.of(
                arguments("t AND t AND t AND t", TRUE),
                arguments("t AND u AND t AND t", UNKNOWN),
                arguments("t AND u AND f AND t", FALSE),
                arguments("f OR f OR f OR f", FALSE),
                arguments("f OR u OR f OR f", UNKNOWN),
                arguments("f OR u OR t OR f", TRUE),
                arguments("(t AND u) OR (f AND u)", UNKNOWN),
                arguments("(t OR u) AND NOT (f AND u)", TRUE),
                arguments("NOT (u OR f)", UNKNOWN),
                arguments("NOT (u AND f)", TRUE));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("longChains")
    void chains(String selector, Truth expected) {
        assertEquals(expected, Truth.evaluate(selector, FIELDS));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("nullTests")
    void isNullTurnsUnknownIntoTrueOrFalse(String selector, Truth expected) {
        assertEquals(expected, Truth.evaluate(selector, FIELDS));
    }

    static Stream<Arguments> nullTests() {
        return Stream.of(
                arguments("u IS NULL", TRUE),
                arguments("u IS NOT NULL", FALSE),
                arguments("n IS NULL", FALSE),
                arguments("n IS NOT NULL", TRUE),
                arguments("f IS NOT NULL", TRUE),
                arguments("(u) IS NULL", TRUE),
                arguments("NOT u IS NULL", FALSE),
                arguments("u IS NULL AND u = 1", UNKNOWN),
                arguments("u IS NULL OR u = 1", TRUE),
                arguments("JMSExpiration IS NULL", TRUE));
    }

    @Test
    void longChainDoesNotOverflowTheStack() {
        StringBuilder selector = new StringBuilder("n = 0");
        for (int i = 1; i < 5_000; i++) {
            selector.append(" OR n = ").append(i);
        }
        Selector compiled = Selector.parse(selector.toString());

        assertTrue(compiled.matches(MapFields.of("n", 4_999)));
        assertFalse(compiled.matches(MapFields.of("n", 5_000)));
    }

    @Test
    void longAndChainDoesNotOverflowTheStack() {
        StringBuilder selector = new StringBuilder("n <> 0");
        for (int i = 1; i < 5_000; i++) {
            selector.append(" AND n <> ").append(i);
        }
        Selector compiled = Selector.parse(selector.toString());

        assertTrue(compiled.matches(MapFields.of("n", 5_000)));
        assertFalse(compiled.matches(MapFields.of("n", 4_999)));
    }
}
