package org.cairnmq.destination;

import org.cairnmq.store.StoredDestination;

/**
 * Which names a queue or topic (and so a dead-letter or expiry queue) may have: those the store can keep.
 * Checked where a name enters the broker (management, {@code createQueue}/{@code createTopic}, a policy),
 * so that a name that cannot be stored never gets as far as a message that needs it.
 */
public final class DestinationNames {
    /** The longest name the store's columns hold. */
    public static final int MAX_LENGTH = StoredDestination.MAX_NAME_LENGTH;

    private DestinationNames() {
    }

    /**
     * What is wrong with a name, or {@code null} when it can be used: it must have 1 to {@value #MAX_LENGTH}
     * characters, not all blank, without control characters (PostgreSQL refuses NUL in text) and without lone
     * surrogates (they have no UTF-8 form).
     *
     * @param what how the message calls the name, e.g. "A queue name"
     */
    public static String problem(String what, String name) {
        if (name == null || name.isBlank()) {
            return what + " must not be empty or blank";
        }
        if (name.length() > MAX_LENGTH) {
            return what + " has at most " + MAX_LENGTH + " characters, not " + name.length();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return what + " must not hold control characters (U+" + String.format("%04X", (int) c)
                        + " at index " + i + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++; // a well-formed pair: one character outside the BMP
            } else if (Character.isSurrogate(c)) {
                return what + " must not hold a lone surrogate (at index " + i + ")";
            }
        }
        return null;
    }

    /** As {@link #problem}, thrown as {@link IllegalArgumentException}. */
    static void require(String what, String name) {
        String problem = problem(what, name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
