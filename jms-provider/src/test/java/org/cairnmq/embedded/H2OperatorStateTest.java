package org.cairnmq.embedded;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** {@link OperatorStateTest} on H2 file databases, as an embedded application would use them. */
class H2OperatorStateTest extends OperatorStateTest {
    @TempDir
    Path dir;

    @Override
    protected String newDatabase() {
        return "jdbc:h2:" + dir.resolve(UUID.randomUUID().toString()).resolve("store").toAbsolutePath();
    }
}
