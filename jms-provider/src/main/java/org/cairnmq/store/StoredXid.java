package org.cairnmq.store;

import java.util.Arrays;

/** A global transaction branch id as the store keeps it: the three parts of an XA {@code Xid}. */
public record StoredXid(int formatId, byte[] globalTransactionId, byte[] branchQualifier) {

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredXid other && other.formatId == formatId
                && Arrays.equals(other.globalTransactionId, globalTransactionId)
                && Arrays.equals(other.branchQualifier, branchQualifier);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalTransactionId)) + Arrays.hashCode(branchQualifier);
    }

    @Override
    public String toString() {
        return "Xid[" + formatId + ":" + java.util.HexFormat.of().formatHex(globalTransactionId) + ":"
                + java.util.HexFormat.of().formatHex(branchQualifier) + "]";
    }
}
