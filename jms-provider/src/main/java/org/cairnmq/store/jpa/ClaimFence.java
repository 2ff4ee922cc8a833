package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.cairnmq.store.StoreException;

/**
 * Why a write that touches only rows this instance holds touched fewer rows than it named: the rows are
 * another instance's now (this instance's lease lapsed and it was taken over), or they are gone. Gone is
 * right for an attempt after an ambiguous failure (the first attempt committed its deletes); for a first
 * attempt it means another instance took the message over and acknowledged it.
 */
final class ClaimFence {
    private ClaimFence() {
    }

    /** @throws StoreException {@code claimsLost} unless every row is accounted for; the transaction rolls back */
    static void check(Connection connection, List<Long> ids, String instanceId, boolean again) throws SQLException {
        List<Long> notHeld = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("select id from cairn_message "
                + "where id = any(?::bigint[]) and claimed_by is distinct from ?")) {
            s.setArray(1, connection.createArrayOf("bigint", ids.toArray(new Long[0])));
            s.setString(2, instanceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    notHeld.add(r.getLong(1));
                }
            }
        }
        if (!notHeld.isEmpty()) {
            throw StoreException.claimsLost("Messages " + abbreviated(notHeld) + " are no longer held by this broker "
                    + "instance (its lease lapsed and another node took them over): they will be delivered again");
        }
        if (!again) {
            throw StoreException.claimsLost("Messages acknowledged here were taken over by another node, which "
                    + "removed them: this broker instance's lease had lapsed");
        }
    }

    private static String abbreviated(List<Long> ids) {
        return ids.size() <= 5 ? ids.toString() : ids.subList(0, 5) + " and " + (ids.size() - 5) + " more";
    }
}
