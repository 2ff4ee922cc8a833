package org.cairnmq.store.jpa;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** {@link DestinationSettingsTablesTest} on H2 file databases. */
class H2DestinationSettingsTablesTest extends DestinationSettingsTablesTest {
    @TempDir
    Path dir;

    @Override
    protected String newDatabase() {
        return "jdbc:h2:" + dir.resolve(UUID.randomUUID().toString()).resolve("store").toAbsolutePath()
                + ";WRITE_DELAY=0";
    }
}
