package org.cairnmq.selector;

import java.util.Objects;

/**
 * A compiled message selector (Jakarta Messaging 3.1, section 3.8.1): parse it once with
 * {@link #parse(String)}, then test messages with {@link #matches(SelectorFields)}.
 *
 * <p>Immutable and thread-safe: one instance may be used by any number of threads at once, for as long
 * as the consumer lives. Parsing does all the checking and compiling (including each {@code LIKE}
 * pattern), so evaluation allocates little and never throws for any message values.
 *
 * <p>No selector: a {@code null}, empty or blank text (only spaces, tabs, form feeds and line
 * terminators) means that the consumer has no selector. {@code parse} then returns a selector that
 * matches every message without reading it; {@link #matchesEverything()} tells callers they may skip
 * the call, and {@link #text()} returns {@code null}, as {@code getMessageSelector()} should.
 *
 * <p>See {@code docs/selectors.md} for the grammar and the semantic choices.
 */
public final class Selector {

    private static final Selector MATCH_ALL = new Selector(null, null);

    private final String text;
    private final Expression condition;

    private Selector(String text, Expression condition) {
        this.text = text;
        this.condition = condition;
    }

    /**
     * The longest selector accepted, in characters: a selector is matched against every message sent to its
     * destination, so its size is a cost every sender pays.
     */
    public static final int MAX_LENGTH = 262_144;

    /**
     * Parses and checks a message selector.
     *
     * @param text the selector, or {@code null}, empty or blank for none
     * @return the compiled selector; a selector that matches everything when {@code text} is null or blank
     * @throws SelectorSyntaxException if the text is not a valid selector, with the position and reason, or
     *                                  is longer than {@link #MAX_LENGTH}
     */
    public static Selector parse(String text) {
        if (isBlank(text)) {
            return MATCH_ALL;
        }
        if (text.length() > MAX_LENGTH) {
            throw new SelectorSyntaxException(text, MAX_LENGTH + 1, "selector longer than " + MAX_LENGTH
                    + " characters (" + text.length() + ")");
        }
        return new Selector(text, SelectorCompiler.compile(text));
    }

    /**
     * Tells whether a message matches: the selector evaluates to true. A selector that evaluates to
     * false or to unknown (SQL's three-valued logic, for example a comparison with a missing
     * property) does not match.
     *
     * @param fields the message's header fields and properties
     * @return {@code true} if the message matches
     * @throws NullPointerException if {@code fields} is null and this selector reads messages
     */
    public boolean matches(SelectorFields fields) {
        if (condition == null) {
            return true;
        }
        Objects.requireNonNull(fields, "fields");
        return condition.evaluate(fields) == Boolean.TRUE;
    }

    /**
     * Tells whether this is the selector for "no selector", which matches every message.
     *
     * @return {@code true} if {@link #parse(String)} was given a null or blank text
     */
    public boolean matchesEverything() {
        return condition == null;
    }

    /**
     * Returns the selector text as given to {@link #parse(String)}.
     *
     * @return the text, or {@code null} when there is no selector (null or blank text)
     */
    public String text() {
        return text;
    }

    /** Two selectors are equal when they were parsed from the same text (or both are "no selector"). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Selector that && Objects.equals(text, that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(text);
    }

    @Override
    public String toString() {
        return text == null ? "Selector[none]" : "Selector[" + text + "]";
    }

    private static boolean isBlank(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case ' ', '\t', '\f', '\r', '\n' -> { }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }
}
