package org.cairnmq.selector;

/**
 * A message selector that is not valid: malformed, or using a value of the wrong type where the
 * mistake shows in the text itself (for example {@code 'abc' + 1} or {@code TRUE > 0}).
 *
 * <p>Unchecked, so that the engine can pass it through; the facade turns it into
 * {@code jakarta.jms.InvalidSelectorException} (or its runtime twin). The message reads like
 * {@code unexpected 'AND' at position 12}, sometimes followed by what was expected; it does not repeat
 * the selector, which {@link #selector()} returns.
 */
public final class SelectorSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String selector;
    private final int position;

    SelectorSyntaxException(String selector, int position, String message) {
        super(message);
        this.selector = selector;
        this.position = position;
    }

    /**
     * Returns the selector text that was rejected.
     *
     * @return the text given to {@link Selector#parse(String)}
     */
    public String selector() {
        return selector;
    }

    /**
     * Returns where the error is: the 1-based position of the offending character or token in the
     * selector, counting characters (Unicode code points); one past the last character when the
     * selector ended too early.
     *
     * @return the position, 1 or more
     */
    public int position() {
        return position;
    }
}
