package org.cairnmq.it.support;

import java.net.URI;

/** Where the test server listens: 127.0.0.1, ports 8080/9990 plus {@code cairn.it.port.offset} (src-it/pom.xml). */
public final class CairnServer {
    private CairnServer() {
    }

    public static int portOffset() {
        return Integer.getInteger("cairn.it.port.offset", 100);
    }

    public static int httpPort() {
        return 8080 + portOffset();
    }

    /** An address on the server's HTTP port, e.g. {@code uri("/cairn-admin/")}. */
    public static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort() + path);
    }
}
