package org.cairnmq.jms;

import jakarta.jms.ConnectionMetaData;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Names Cairn and the Jakarta Messaging version it implements, and the JMSX properties it supports: those it
 * sets ({@code JMSXUserID}, {@code JMSXDeliveryCount}) and the group properties it carries.
 */
public final class JmsConnectionMetaData implements ConnectionMetaData {
    static final String PROVIDER_VERSION = "0.1";

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return "Cairn";
    }

    @Override
    public String getProviderVersion() {
        return PROVIDER_VERSION;
    }

    @Override
    public int getProviderMajorVersion() {
        return 0;
    }

    @Override
    public int getProviderMinorVersion() {
        return 1;
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(JmsxProperties.SUPPORTED);
    }
}
