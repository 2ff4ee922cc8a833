package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.hibernate.jdbc.Work;

/**
 * What the store does differently on one kind of database, in the manner of db-scheduler's
 * {@code JdbcCustomization}: chosen once, when the store opens, from the JDBC database product name
 * ({@link #of}), and asked wherever the store's behaviour depends on the database, so that nothing else
 * tests the database's name.
 *
 * <p>A dialect decides where the database's migration scripts are, how message rows are claimed for
 * dispatch, how a commit writes its message rows, and what each store transaction must set on its
 * connection first. The SQL the store shares between databases stays where it is used.
 */
interface StoreDialect {
    /**
     * The dialect of the database behind {@code dataSource}: one connection, to read its product name.
     *
     * @throws StoreException if the database cannot be reached, or is neither H2 nor PostgreSQL
     */
    static StoreDialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return forProduct(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new StoreException("Cannot reach the store's database: " + e.getMessage(), e);
        }
    }

    /**
     * @param productName as {@link java.sql.DatabaseMetaData#getDatabaseProductName} gives it
     * @throws StoreException if it names neither H2 nor PostgreSQL
     */
    static StoreDialect forProduct(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return new H2Dialect();
        }
        if (product.contains("postgres")) {
            return new PostgresDialect();
        }
        throw new StoreException("Unsupported database for the Cairn store: " + product
                + " (supported: H2, PostgreSQL)", null);
    }

    /**
     * The folder of this database's migration scripts under {@code org/cairnmq/store/migration/}
     * ({@code h2}, {@code postgresql}).
     */
    String scriptsFolder();

    /**
     * The claims of the store opening on {@code dataSource}: how this database's rows are claimed for
     * dispatch (see {@link DispatchClaims}).
     */
    DispatchClaims claims(DataSource dataSource);

    /**
     * Writes a commit's message rows (inserts, deletes, delivery counts) on {@code connection}, in the
     * store transaction's JDBC connection. On a database several nodes share, deletes and updates touch only
     * rows {@code instanceId} holds.
     *
     * @param ids   the ids of the batch's inserts, in order
     * @param again whether an earlier attempt of this batch may have committed
     */
    void writeRows(Connection connection, StoreBatch batch, long[] ids, String instanceId, boolean again)
            throws SQLException;

    /**
     * Whether several broker processes may share this database as nodes of one broker. H2 holds one node:
     * a second node is refused when it joins.
     */
    boolean sharedByNodes();

    /**
     * In a store transaction that only claims messages: lets its commit return before it is on disk, where
     * the database can. A claim lost in a crash of the database only makes a message claimable again,
     * and the acknowledgement of the node that held it is then refused (fenced): never a loss.
     */
    default void claimOnly(Connection connection) throws SQLException {
    }


    /**
     * What each store transaction must do on its connection before its work, for a store opening on
     * {@code dataSource}; empty when nothing (the connections have what the store needs from their start).
     */
    Optional<Work> eachTransaction(DataSource dataSource);
}
