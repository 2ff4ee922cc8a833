package org.cairnmq.it.xa.recovery;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import javax.transaction.xa.Xid;
import org.cairnmq.it.support.PassiveXaResource;

/**
 * A test-only fault hook: an XA resource, enlisted after Cairn's, that halts the server JVM when the
 * transaction manager asks it to prepare. Cairn has then prepared its branch (written to the store) and the
 * transaction manager has not yet logged its decision, which it does only once every resource is prepared.
 * It halts only if Cairn's store indeed holds a prepared branch; otherwise it votes yes, the transaction
 * commits and the test, seeing no crash, fails. It exists only in the test's deployment: nothing in Cairn
 * knows it.
 */
final class HaltInPrepare extends PassiveXaResource {
    private static final String CAIRN_STORE = "java:jboss/datasources/CairnDS";

    @Override
    public int prepare(Xid xid) {
        // Read from a thread of its own: this one is completing the transaction.
        long prepared = CompletableFuture.supplyAsync(HaltInPrepare::preparedBranchesInCairn)
                .orTimeout(10, TimeUnit.SECONDS).join();
        if (prepared > 0) {
            Runtime.getRuntime().halt(137);
        }
        return XA_OK;
    }

    private static long preparedBranchesInCairn() {
        try (Connection db = ((DataSource) new InitialContext().lookup(CAIRN_STORE)).getConnection();
                ResultSet rows = db.createStatement().executeQuery("SELECT COUNT(*) FROM cairn_prepared_tx")) {
            rows.next();
            return rows.getLong(1);
        } catch (NamingException | SQLException e) {
            throw new IllegalStateException("Cannot read Cairn's prepared branches", e);
        }
    }
}
