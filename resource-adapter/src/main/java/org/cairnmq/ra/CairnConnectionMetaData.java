package org.cairnmq.ra;

import jakarta.resource.spi.ManagedConnectionMetaData;

/** Names the broker behind a pooled connection for the server's tools. */
final class CairnConnectionMetaData implements ManagedConnectionMetaData {
    @Override
    public String getEISProductName() {
        return "Cairn";
    }

    @Override
    public String getEISProductVersion() {
        return "0.1";
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public String getUserName() {
        return null;
    }
}
