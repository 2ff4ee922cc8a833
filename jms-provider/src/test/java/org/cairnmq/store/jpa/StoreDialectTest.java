package org.cairnmq.store.jpa;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cairnmq.store.StoreException;
import org.junit.jupiter.api.Test;

/** The dialect is chosen from the JDBC product name, and an unsupported database is refused by name. */
class StoreDialectTest {
    @Test
    void chosenFromTheProductName() {
        assertInstanceOf(H2Dialect.class, StoreDialect.forProduct("H2"));
        assertInstanceOf(PostgresDialect.class, StoreDialect.forProduct("PostgreSQL"));
    }

    @Test
    void anUnsupportedDatabaseIsRefusedNamingTheSupportedOnes() {
        StoreException refused = assertThrows(StoreException.class, () -> StoreDialect.forProduct("MySQL"));
        assertTrue(refused.getMessage().contains("mysql"), refused.getMessage());
        assertTrue(refused.getMessage().contains("supported: H2, PostgreSQL"), refused.getMessage());
    }
}
