package org.cairnmq.embedded;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test on an H2 file database, with the URL as an application would write it: the embedded
 * broker itself adds what H2 needs to keep every commit across a kill (docs/store.md).
 */
class H2BrokerCrashTest extends BrokerCrashTest {
    @TempDir
    Path dir;

    @Override
    protected String newDatabase(int round) {
        return "jdbc:h2:" + dir.resolve("round-" + round).resolve("store").toAbsolutePath();
    }

    @Override
    protected String databaseName() {
        return "h2";
    }
}
