package org.cairnmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import org.junit.jupiter.api.Test;

/** The pool's transaction level is XA unless the operator configures it otherwise. */
class TransactionSupportLevelTest {
    @Test
    void xaByDefaultAndConfigurable() {
        CairnManagedConnectionFactory factory = new CairnManagedConnectionFactory();
        assertEquals(TransactionSupportLevel.XATransaction, factory.getTransactionSupport());
        factory.setTransactionSupportLevel("LocalTransaction");
        assertEquals(TransactionSupportLevel.LocalTransaction, factory.getTransactionSupport());
        factory.setTransactionSupportLevel(" NoTransaction ");
        assertEquals(TransactionSupportLevel.NoTransaction, factory.getTransactionSupport());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> factory.setTransactionSupportLevel("Sometimes"));
        assertEquals(true, wrong.getMessage().contains("Sometimes"));
    }
}
