package org.cairnmq.it.support;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;

/** Receiving in tests, through Cairn's pooled factory, outside any transaction. Used in the container. */
public final class Messages {
    /** How long a message that must come is waited for. */
    public static final long RECEIVE_MILLIS = 10_000;

    private Messages() {
    }

    /** The next message of the queue, or {@code null} after {@link #RECEIVE_MILLIS}. */
    public static Message receive(ConnectionFactory factory, String queue) {
        try (JMSContext context = factory.createContext()) {
            return context.createConsumer(context.createQueue(queue)).receive(RECEIVE_MILLIS);
        }
    }

    /** The text of the next message of the queue, or {@code null} after {@link #RECEIVE_MILLIS}. */
    public static String receiveText(ConnectionFactory factory, String queue) {
        try (JMSContext context = factory.createContext()) {
            return context.createConsumer(context.createQueue(queue)).receiveBody(String.class, RECEIVE_MILLIS);
        }
    }

    /** The texts of the next {@code count} messages, and of any that follow at once (none should). */
    public static List<String> receiveTexts(ConnectionFactory factory, String queue, int count) {
        List<String> texts = new ArrayList<>();
        try (JMSContext context = factory.createContext()) {
            JMSConsumer consumer = context.createConsumer(context.createQueue(queue));
            for (int i = 0; i < count; i++) {
                String text = consumer.receiveBody(String.class, RECEIVE_MILLIS);
                if (text == null) {
                    return texts;
                }
                texts.add(text);
            }
            for (String extra = consumer.receiveBodyNoWait(String.class); extra != null;
                    extra = consumer.receiveBodyNoWait(String.class)) {
                texts.add(extra);
            }
        }
        return texts;
    }
}
