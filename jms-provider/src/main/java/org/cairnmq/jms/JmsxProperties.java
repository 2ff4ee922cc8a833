package org.cairnmq.jms;

import java.util.List;

/**
 * The JMSX properties (section 3.5.9) that Cairn supports: the ones it sets and the group ones that
 * applications set and that it carries unchanged.
 */
final class JmsxProperties {
    /** Which delivery attempt this is; set on receipt. */
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    /** The authenticated user who sent the message; set on send, never taken from the application. */
    static final String USER_ID = "JMSXUserID";
    /** The group a message belongs to; set by the application. */
    static final String GROUP_ID = "JMSXGroupID";
    /** The message's place in its group; set by the application. */
    static final String GROUP_SEQ = "JMSXGroupSeq";

    /** What {@code ConnectionMetaData.getJMSXPropertyNames()} reports. */
    static final List<String> SUPPORTED = List.of(DELIVERY_COUNT, USER_ID, GROUP_ID, GROUP_SEQ);

    private JmsxProperties() {
    }

    /** Whether an application's value of this JMSX property travels with the message. */
    static boolean isSetByApplication(String name) {
        return GROUP_ID.equals(name) || GROUP_SEQ.equals(name);
    }
}
