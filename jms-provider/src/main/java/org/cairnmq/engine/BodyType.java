package org.cairnmq.engine;

/** Codes for the kinds of message body, as stored. The values are persisted: never renumber them. */
public final class BodyType {
    public static final int NONE = 0;
    public static final int TEXT = 1;
    public static final int BYTES = 2;
    public static final int MAP = 3;
    public static final int OBJECT = 4;
    public static final int STREAM = 5;

    private BodyType() {
    }
}
