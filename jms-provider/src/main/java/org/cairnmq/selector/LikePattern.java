package org.cairnmq.selector;

import java.util.regex.Pattern;

/**
 * A {@code LIKE} pattern compiled to a regular expression: {@code _} is any one character, {@code %}
 * any sequence (including none and line terminators), everything else stands for itself, regular
 * expression metacharacters included. The escape character makes the {@code _}, {@code %} or escape
 * character after it literal. Immutable; {@link Pattern} is safe to share between threads.
 */
final class LikePattern {

    private final String source;
    private final Pattern regex;

    private LikePattern(String source, Pattern regex) {
        this.source = source;
        this.regex = regex;
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern the pattern, without quotes
     * @param escape the escape character as a code point, or {@code -1} for none
     * @throws IllegalArgumentException if the escape character is followed by anything other than
     *     {@code _}, {@code %} or itself, or ends the pattern (SQL92's rule); the message says why
     */
    static LikePattern compile(String pattern, int escape) {
        StringBuilder regex = new StringBuilder(pattern.length() + 8);
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == escape) {
                if (i >= pattern.length()) {
                    throw new IllegalArgumentException("the LIKE pattern ends with its escape character");
                }
                int next = pattern.codePointAt(i);
                if (next != '_' && next != '%' && next != escape) {
                    throw new IllegalArgumentException("the escape character in a LIKE pattern must be followed by "
                            + "'_', '%' or itself, not '" + Character.toString(next) + "'");
                }
                i += Character.charCount(next);
                literal.appendCodePoint(next);
            } else if (c == '_' || c == '%') {
                flush(literal, regex);
                regex.append(c == '_' ? "." : ".*");
            } else {
                literal.appendCodePoint(c);
            }
        }
        flush(literal, regex);
        return new LikePattern(pattern, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }

    @Override
    public String toString() {
        return source;
    }

    private static void flush(StringBuilder literal, StringBuilder regex) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }
}
