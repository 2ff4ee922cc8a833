package org.cairnmq.selector;

/**
 * SQL's three-valued logic over {@code Boolean}, with {@code null} as unknown (the tables of the
 * {@code jakarta.jms.Message} Javadoc).
 */
final class Logic {

    private Logic() {
    }

    static Boolean not(Boolean value) {
        return value == null ? null : !value;
    }

    static Boolean and(Boolean left, Boolean right) {
        if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
            return Boolean.FALSE;
        }
        return left == null || right == null ? null : Boolean.TRUE;
    }

    static Boolean or(Boolean left, Boolean right) {
        if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
            return Boolean.TRUE;
        }
        return left == null || right == null ? null : Boolean.FALSE;
    }
}
