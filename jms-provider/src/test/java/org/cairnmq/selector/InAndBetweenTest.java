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

/** {@code [NOT] IN} and {@code [NOT] BETWEEN}, including NULL and values of other types. */
class InAndBetweenTest {

    static Stream<Arguments> in() {
        return Stream.of(
                // The specification's examples (with its odd leading spaces).
                arguments("Country IN (' UK', 'US', 'France')", " UK", TRUE),
                arguments("Country IN (' UK', 'US', 'France')", "UK", FALSE),
                arguments("Country IN (' UK', 'US', 'France')", "Peru", FALSE),
                arguments("Country NOT IN (' UK', 'US', 'France')", " UK", FALSE),
                arguments("Country NOT IN (' UK', 'US', 'France')", "Peru", TRUE),
                arguments("Country IN ('UK', 'US', 'France')", "France", TRUE),
                arguments("Country IN ('UK')", "UK", TRUE),
                arguments("Country IN ('UK')", "uk", FALSE),
                arguments("Country IN ('UK', 'UK')", "UK", TRUE),
                arguments("Country IN ('')", "", TRUE),
                arguments("Country IN ('it''s')", "it's", TRUE),
                arguments("Country IN ('%', '_')", "x", FALSE), // no wildcards in IN
                // NULL is unknown both ways; a non-string equals none of the strings.
                arguments("Country IN ('UK')", null, UNKNOWN),
                arguments("Country NOT IN ('UK')", null, UNKNOWN),
                arguments("Country IN ('1')", 1, FALSE),
                arguments("Country NOT IN ('1')", 1, TRUE),
                arguments("Country IN ('true')", true, FALSE),
                arguments("NOT Country IN ('UK')", "UK", FALSE),
                arguments("(Country) IN ('UK')", "UK", TRUE));
    }

    @ParameterizedTest(name = "[{index}] {0} with {1}")
    @MethodSource("in")
    void inList(String selector, Object country, Truth expected) {
        assertEquals(expected, Truth.evaluate(selector, MapFields.of("Country", country)));
    }

    static Stream<Arguments> between() {
        return Stream.of(
                // The specification's example and its equivalents.
                arguments("age BETWEEN 15 AND 19", 14, FALSE),
                arguments("age BETWEEN 15 AND 19", 15, TRUE),
                arguments("age BETWEEN 15 AND 19", 17, TRUE),
                arguments("age BETWEEN 15 AND 19", 19, TRUE),
                arguments("age BETWEEN 15 AND 19", 20, FALSE),
                arguments("age NOT BETWEEN 15 AND 19", 14, TRUE),
                arguments("age NOT BETWEEN 15 AND 19", 15, FALSE),
                arguments("age NOT BETWEEN 15 AND 19", 19, FALSE),
                arguments("age NOT BETWEEN 15 AND 19", 20, TRUE),
                // Mixed numeric types.
                arguments("age BETWEEN 14.5 AND 15.5", 15, TRUE),
                arguments("age BETWEEN 15 AND 19", 15.5f, TRUE),
                arguments("age BETWEEN 15 AND 19", (byte) 16, TRUE),
                arguments("age BETWEEN 15 AND 19", 19.000001, FALSE),
                arguments("age BETWEEN 19 AND 15", 17, FALSE), // an empty range
                arguments("age NOT BETWEEN 19 AND 15", 17, TRUE),
                arguments("age BETWEEN -5 AND -1", -3L, TRUE),
                arguments("age BETWEEN 10 + 5 AND 20 - 1", 16, TRUE),
                arguments("age * 2 BETWEEN 30 AND 38", 16, TRUE),
                // NULL: as the equivalent expressions in three-valued logic.
                arguments("age BETWEEN 15 AND 19", null, UNKNOWN),
                arguments("age NOT BETWEEN 15 AND 19", null, UNKNOWN),
                arguments("age BETWEEN missing AND 19", 17, UNKNOWN), // UNKNOWN AND TRUE
                arguments("age BETWEEN missing AND 19", 25, FALSE), // UNKNOWN AND FALSE
                arguments("age NOT BETWEEN missing AND 19", 25, TRUE), // UNKNOWN OR TRUE
                arguments("age NOT BETWEEN missing AND 19", 17, UNKNOWN), // UNKNOWN OR FALSE
                arguments("age BETWEEN 15 AND missing", 10, FALSE),
                // A string property is not converted: false both ways, as the equivalents say.
                arguments("age BETWEEN 15 AND 19", "17", FALSE),
                arguments("age NOT BETWEEN 15 AND 19", "17", FALSE),
                arguments("age BETWEEN 15 AND 19", true, FALSE));
    }

    @ParameterizedTest(name = "[{index}] {0} with {1}")
    @MethodSource("between")
    void betweenRange(String selector, Object age, Truth expected) {
        assertEquals(expected, Truth.evaluate(selector, MapFields.of("age", age)));
    }
}
