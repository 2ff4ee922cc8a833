package org.cairnmq.jms;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The XA failure paths on an H2 file database. */
class H2XaFailurePathTest extends XaFailurePathTest {
    @TempDir
    Path dir;

    @Override
    protected String newDatabase() {
        return "jdbc:h2:" + dir.resolve("store").toAbsolutePath();
    }
}
