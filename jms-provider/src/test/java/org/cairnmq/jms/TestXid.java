package org.cairnmq.jms;

import java.nio.charset.StandardCharsets;
import javax.transaction.xa.Xid;

/** An Xid as a transaction manager would make one, named for the test that uses it. */
public record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {
    public static TestXid of(String name) {
        return new TestXid(1, name.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return gtrid;
    }

    @Override
    public byte[] getBranchQualifier() {
        return bqual;
    }
}
