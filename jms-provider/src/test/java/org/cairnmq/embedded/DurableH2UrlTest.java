package org.cairnmq.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DurableH2UrlTest {
    @Test
    void embeddedH2FileDatabaseWritesEachCommitAtOnce() {
        assertEquals("jdbc:h2:retry:./data/cairn;WRITE_DELAY=0", EmbeddedBroker.durableH2Url("jdbc:h2:./data/cairn"));
        assertEquals("jdbc:h2:retry:/var/cairn/store;AUTO_SERVER=TRUE;WRITE_DELAY=0",
                EmbeddedBroker.durableH2Url("jdbc:h2:file:/var/cairn/store;AUTO_SERVER=TRUE"));
        assertEquals("jdbc:h2:retry:C:/cairn/store;WRITE_DELAY=0", EmbeddedBroker.durableH2Url("jdbc:h2:C:/cairn/store"));
        assertEquals("jdbc:h2:nio:/var/cairn/store;WRITE_DELAY=0", EmbeddedBroker.durableH2Url("jdbc:h2:nio:/var/cairn/store"));
    }

    @Test
    void anExplicitWriteDelayIsKept() {
        assertEquals("jdbc:h2:retry:./data/cairn;write_delay=100", EmbeddedBroker.durableH2Url("jdbc:h2:./data/cairn;write_delay=100"));
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        assertEquals("jdbc:h2:mem:test", EmbeddedBroker.durableH2Url("jdbc:h2:mem:test"));
        assertEquals("jdbc:h2:tcp://localhost/cairn", EmbeddedBroker.durableH2Url("jdbc:h2:tcp://localhost/cairn"));
        assertEquals("jdbc:postgresql://127.0.0.1/cairn", EmbeddedBroker.durableH2Url("jdbc:postgresql://127.0.0.1/cairn"));
    }
}
