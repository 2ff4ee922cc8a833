package org.cairnmq.selector;

/** The three truth values, for tests that must tell false from unknown. */
enum Truth {
    TRUE, FALSE, UNKNOWN;

    static Truth of(Object value) {
        if (value == null) {
            return UNKNOWN;
        }
        return (Boolean) value ? TRUE : FALSE;
    }

    /** Evaluates a selector's condition without collapsing unknown into "no match". */
    static Truth evaluate(String selector, SelectorFields fields) {
        return of(SelectorCompiler.compile(selector).evaluate(fields));
    }
}
