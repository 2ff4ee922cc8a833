package org.cairnmq.it.support;

/** Where a {@link ForwardingListener} bean forwards what it processed: the queue {@code results.<bean class>}. */
public final class Results {
    private Results() {
    }

    /** By the bean class's simple name: a test's deployment may not hold the bean class. */
    public static String queueOf(String beanClassName) {
        return "results." + beanClassName;
    }
}
