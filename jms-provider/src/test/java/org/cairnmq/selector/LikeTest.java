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

/** {@code [NOT] LIKE} with {@code _}, {@code %}, {@code ESCAPE}, and characters that mean something to regular expressions. */
class LikeTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                // The specification's examples.
                arguments("phone LIKE '12%3'", "123", TRUE),
                arguments("phone LIKE '12%3'", "12993", TRUE),
                arguments("phone LIKE '12%3'", "1234", FALSE),
                arguments("word LIKE 'l_se'", "lose", TRUE),
                arguments("word LIKE 'l_se'", "loose", FALSE),
                arguments("underscored LIKE '\\_%' ESCAPE '\\'", "_foo", TRUE),
                arguments("underscored LIKE '\\_%' ESCAPE '\\'", "bar", FALSE),
                arguments("phone NOT LIKE '12%3'", "123", FALSE),
                arguments("phone NOT LIKE '12%3'", "12993", FALSE),
                arguments("phone NOT LIKE '12%3'", "1234", TRUE),
                // Wildcards.
                arguments("v LIKE '%'", "", TRUE),
                arguments("v LIKE '%'", "anything", TRUE),
                arguments("v LIKE '_'", "", FALSE),
                arguments("v LIKE '_'", "x", TRUE),
                arguments("v LIKE '_'", "xy", FALSE),
                arguments("v LIKE '__'", "xy", TRUE),
                arguments("v LIKE 'a%'", "abc", TRUE),
                arguments("v LIKE 'a%'", "bac", FALSE),
                arguments("v LIKE '%c'", "abc", TRUE),
                arguments("v LIKE '%b%'", "abc", TRUE),
                arguments("v LIKE '%b%'", "ac", FALSE),
                arguments("v LIKE '%%'", "", TRUE),
                arguments("v LIKE 'a_c%'", "abcdef", TRUE),
                arguments("v LIKE ''", "", TRUE),
                arguments("v LIKE ''", "a", FALSE),
                arguments("v LIKE 'abc'", "abc", TRUE),
                arguments("v LIKE 'abc'", "ABC", FALSE), // case-sensitive
                arguments("v LIKE 'abc'", "abcd", FALSE), // the whole value must match
                arguments("v LIKE 'b'", "abc", FALSE),
                // Wildcards span line terminators and supplementary characters.
                arguments("v LIKE 'a%b'", "a\nb", TRUE),
                arguments("v LIKE 'a_b'", "a\nb", TRUE),
                arguments("v LIKE 'a_b'", "a\r\nb", FALSE),
                arguments("v LIKE 'a_b'", "a\uD83D\uDE00b", TRUE),
                // Regular expression metacharacters stand for themselves.
                arguments("v LIKE 'a.c'", "a.c", TRUE),
                arguments("v LIKE 'a.c'", "abc", FALSE),
                arguments("v LIKE 'a*'", "a*", TRUE),
                arguments("v LIKE 'a*'", "aaa", FALSE),
                arguments("v LIKE 'a*'", "", FALSE),
                arguments("v LIKE '(a)'", "(a)", TRUE),
                arguments("v LIKE '(a)'", "a", FALSE),
                arguments("v LIKE '[ab]'", "[ab]", TRUE),
                arguments("v LIKE '[ab]'", "a", FALSE),
                arguments("v LIKE 'a+'", "a+", TRUE),
                arguments("v LIKE 'a+'", "aa", FALSE),
                arguments("v LIKE 'a?'", "a?", TRUE),
                arguments("v LIKE 'a?'", "a", FALSE),
                arguments("v LIKE '^a$'", "^a$", TRUE),
                arguments("v LIKE 'a{2}'", "a{2}", TRUE),
                arguments("v LIKE 'a|b'", "a|b", TRUE),
                arguments("v LIKE 'a|b'", "a", FALSE),
                arguments("v LIKE 'a\\d'", "a\\d", TRUE),
                arguments("v LIKE 'a\\d'", "a1", FALSE),
                arguments("v LIKE '\\Q%\\E'", "\\Qx\\E", TRUE),
                arguments("v LIKE '%.%'", "file.txt", TRUE),
                arguments("v LIKE '%.%'", "file", FALSE),
                arguments("v LIKE 'it''s%'", "it's here", TRUE),
                // ESCAPE.
                arguments("v LIKE '100!%' ESCAPE '!'", "100%", TRUE),
                arguments("v LIKE '100!%' ESCAPE '!'", "1000", FALSE),
                arguments("v LIKE 'a!_b' ESCAPE '!'", "a_b", TRUE),
                arguments("v LIKE 'a!_b' ESCAPE '!'", "axb", FALSE),
                arguments("v LIKE 'a!!b' ESCAPE '!'", "a!b", TRUE),
                arguments("v LIKE '%!%%' ESCAPE '!'", "50% off", TRUE),
                arguments("v LIKE '%!%%' ESCAPE '!'", "50 off", FALSE),
                arguments("v LIKE 'a\\\\b' ESCAPE '\\'", "a\\b", TRUE),
                arguments("v LIKE 'a.!_.' ESCAPE '!'", "a._.", TRUE),
                arguments("v LIKE 'a.!_.' ESCAPE '!'", "axbxc", FALSE),
                arguments("v LIKE 'x''_' ESCAPE ''''", "x_", TRUE), // the quote itself as escape
                arguments("v LIKE 'x''_' ESCAPE ''''", "xy", FALSE),
                arguments("v LIKE 'a%_' ESCAPE '%'", "a_", TRUE), // % as escape: %_ is a literal _
                arguments("v LIKE 'a%_' ESCAPE '%'", "ab", FALSE),
                arguments("v NOT LIKE '100!%' ESCAPE '!'", "100%", FALSE),
                arguments("v NOT LIKE '100!%' ESCAPE '!'", "100", TRUE));
    }

    @ParameterizedTest(name = "[{index}] {0} with {1}")
    @MethodSource("patterns")
    void matchesPattern(String selector, String value, Truth expected) {
        String identifier = selector.substring(0, selector.indexOf(' '));
        assertEquals(expected, Truth.evaluate(selector, MapFields.of(identifier, value)));
    }

    static Stream<Arguments> nonStrings() {
        return Stream.of(
                arguments("v LIKE '%'", null, UNKNOWN),
                arguments("v NOT LIKE '%'", null, UNKNOWN),
                arguments("v LIKE '1%'", 12, FALSE),
                arguments("v NOT LIKE '1%'", 12, TRUE),
                arguments("v LIKE 'true'", true, FALSE),
                arguments("JMSType LIKE 'c%'", null, UNKNOWN),
                arguments("JMSExpiration LIKE '%'", "ignored", UNKNOWN));
    }

    @ParameterizedTest(name = "[{index}] {0} with {1}")
    @MethodSource("nonStrings")
    void nullIsUnknownAndOtherTypesDoNotMatch(String selector, Object value, Truth expected) {
        String identifier = selector.substring(0, selector.indexOf(' '));
        assertEquals(expected, Truth.evaluate(selector, MapFields.of(identifier, value)));
    }

    /**
     * Patterns that took a backtracking regular expression exponential time (the first never returned; the
     * second made a send take 12.8 s). The bound is generous: a linear matcher needs microseconds.
     */
    @org.junit.jupiter.api.Test
    void pathologicalPatternsMatchInBoundedTime() {
        String manyAnys = "%".repeat(2000) + "b";
        String alternating = "%a".repeat(30) + "%b";
        String value = "a".repeat(40);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            assertEquals(FALSE, Truth.evaluate("v LIKE '" + manyAnys + "'", MapFields.of("v", value)));
            assertEquals(TRUE, Truth.evaluate("v LIKE '" + manyAnys + "'", MapFields.of("v", value + "b")));
            assertEquals(FALSE, Truth.evaluate("v LIKE '" + alternating + "'", MapFields.of("v", value.repeat(25))));
            assertEquals(TRUE, Truth.evaluate("v LIKE '" + alternating + "'", MapFields.of("v", value + "b")));
        });
    }

    /**
     * The matcher agrees with the regular expression a LIKE pattern means (on inputs small enough for the
     * regular expression to answer): every pattern of up to 6 of {@code a b % _} against every value of up to
     * 5 of {@code a b}.
     */
    @org.junit.jupiter.api.Test
    void agreesWithTheRegularExpressionOnEverySmallPatternAndValue() {
        java.util.List<String> patterns = words("ab%_", 6);
        java.util.List<String> values = words("ab", 5);
        for (String pattern : patterns) {
            LikePattern like = LikePattern.compile(pattern, -1);
            java.util.regex.Pattern regex = java.util.regex.Pattern.compile(
                    pattern.replace("%", ".*").replace("_", "."), java.util.regex.Pattern.DOTALL);
            for (String value : values) {
                assertEquals(regex.matcher(value).matches(), like.matches(value), pattern + " against " + value);
            }
        }
    }

    private static java.util.List<String> words(String alphabet, int maxLength) {
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of(""));
        java.util.List<String> last = java.util.List.of("");
        for (int length = 1; length <= maxLength; length++) {
            java.util.List<String> next = new java.util.ArrayList<>();
            for (String word : last) {
                for (char c : alphabet.toCharArray()) {
                    next.add(word + c);
                }
            }
            words.addAll(next);
            last = next;
        }
        return words;
    }
}
