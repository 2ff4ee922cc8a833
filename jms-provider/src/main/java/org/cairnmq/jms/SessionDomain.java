package org.cairnmq.jms;

import jakarta.jms.IllegalStateException;

/**
 * The messaging domain a session was created for. The JMS 1.0 interfaces have a session per domain: a
 * {@code QueueSession} refuses the topic methods it inherits from {@code Session}, a {@code TopicSession}
 * the queue methods, with {@code IllegalStateException} as their Javadoc requires. Cairn has one session
 * class for all; this value is what tells them apart.
 */
enum SessionDomain {
    /** From {@code createSession} or {@code createXASession}: queues and topics alike. */
    ANY,
    /** From {@code createQueueSession} or {@code createXAQueueSession}. */
    QUEUE,
    /** From {@code createTopicSession} or {@code createXATopicSession}. */
    TOPIC;

    /** Refuses a method that only a topic session (or a session of both domains) has. */
    void checkTopicMethod(String method) throws IllegalStateException {
        if (this == QUEUE) {
            throw new IllegalStateException(method + " is not allowed on a QueueSession");
        }
    }

    /** Refuses a method that only a queue session (or a session of both domains) has. */
    void checkQueueMethod(String method) throws IllegalStateException {
        if (this == TOPIC) {
            throw new IllegalStateException(method + " is not allowed on a TopicSession");
        }
    }
}
