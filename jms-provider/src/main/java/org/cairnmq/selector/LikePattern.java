package org.cairnmq.selector;

/**
 * A {@code LIKE} pattern: {@code _} is any one character (code point), {@code %} any sequence (including
 * none and line terminators), everything else stands for itself. The escape character makes the {@code _},
 * {@code %} or escape character after it literal. Immutable and safe to share between threads.
 *
 * <p>Matching never backtracks more than once per character of the value: it remembers only the last
 * {@code %} seen and resumes after it (the classic wildcard matcher), so a pattern of n tokens against a
 * value of m characters takes at most n × m steps. A regular expression took exponential time on patterns
 * such as {@code %a%a%a%a%a%b}, and any application or operator may write one.
 */
final class LikePattern {
    /** A token of the compiled pattern that matches any one code point. */
    private static final int ONE = -1;
    /** A token that matches any sequence; consecutive {@code %} are one such token. */
    private static final int ANY = -2;

    private final String source;
    private final int[] tokens; // code points, ONE or ANY

    private LikePattern(String source, int[] tokens) {
        this.source = source;
        this.tokens = tokens;
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
        int[] tokens = new int[pattern.codePointCount(0, pattern.length())];
        int count = 0;
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
                tokens[count++] = next;
            } else if (c == '%') {
                if (count == 0 || tokens[count - 1] != ANY) {
                    tokens[count++] = ANY;
                }
            } else {
                tokens[count++] = c == '_' ? ONE : c;
            }
        }
        return new LikePattern(pattern, java.util.Arrays.copyOf(tokens, count));
    }

    boolean matches(String value) {
        int[] chars = value.codePoints().toArray();
        int t = 0;
        int v = 0;
        int lastAny = -1; // the token index of the last % passed, and where in the value it now ends
        int anyEnd = 0;
        while (v < chars.length) {
            if (t < tokens.length && (tokens[t] == ONE || tokens[t] == chars[v])) {
                t++;
                v++;
            } else if (t < tokens.length && tokens[t] == ANY) {
                lastAny = t++;
                anyEnd = v;
            } else if (lastAny >= 0) { // the last % takes one more character, and matching resumes after it
                t = lastAny + 1;
                v = ++anyEnd;
            } else {
                return false;
            }
        }
        while (t < tokens.length && tokens[t] == ANY) {
            t++;
        }
        return t == tokens.length;
    }

    @Override
    public String toString() {
        return source;
    }
}
