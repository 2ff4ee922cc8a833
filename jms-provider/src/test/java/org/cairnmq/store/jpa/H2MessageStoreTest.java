package org.cairnmq.store.jpa;

import java.nio.file.Path;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.MessageStoreContractTest;
import org.cairnmq.testing.PooledJpaStore;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file database, as the embedded broker and the EAR use it. */
class H2MessageStoreTest extends MessageStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected MessageStore openStore() {
        return PooledJpaStore.open("jdbc:h2:" + dir.resolve("store").toAbsolutePath() + ";WRITE_DELAY=0");
    }
}
