package org.cairnmq.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * A second WildFly the test starts and stops itself, beside Arquillian's: the same installation, a base
 * directory of its own (a copy of {@code standalone/configuration}, users included), 127.0.0.1 only, and a
 * port offset 200 above the suite server's. For ITs that need two servers at once (a cluster of nodes).
 */
public final class SecondServer implements AutoCloseable {
    private static final long START_MILLIS = 240_000;

    private final Path baseDir;
    private final int portOffset;
    private final Process process;

    private SecondServer(Path baseDir, int portOffset, Process process) {
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.process = process;
    }

    /**
     * Starts it with {@code standalone-full.xml} and the given system properties, and waits until its
     * management interface says it is running.
     */
    public static SecondServer start(String name, Map<String, String> properties) throws Exception {
        Path home = Path.of(System.getProperty("cairn.it.jboss.home", "target/wildfly-39.0.1.Final"));
        Path baseDir = Path.of("target", "wildfly-" + name).toAbsolutePath();
        deleteTree(baseDir);
        copyTree(home.resolve("standalone").resolve("configuration"), baseDir.resolve("configuration"));
        Files.createDirectories(baseDir.resolve("deployments"));
        Files.createDirectories(baseDir.resolve("log"));
        int offset = Integer.getInteger("cairn.it.port.offset", 100) + 200;
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("standalone.sh").toString(),
                "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.bind.address.unsecure=127.0.0.1",
                "-Djboss.node.name=" + name, "-Djboss.tx.node.id=" + name));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(baseDir.resolve("console.out").toFile());
        builder.environment().put("JAVA_OPTS",
                "-Xms128m -Xmx768m -XX:MaxMetaspaceSize=512m -Djava.net.preferIPv4Stack=true");
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        SecondServer server = new SecondServer(baseDir, offset, builder.start());
        try {
            server.awaitRunning();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A management client of this server; the caller closes it. */
    public ModelControllerClient management() throws IOException {
        return ModelControllerClient.Factory.create("remote+http", "127.0.0.1", 9990 + portOffset);
    }

    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + (8080 + portOffset) + "/" + path);
    }

    public Path serverLog() {
        return baseDir.resolve("log").resolve("server.log");
    }

    /** Deploys an archive file under a name, enabled. */
    public void deploy(String name, Path archive) throws IOException {
        try (ModelControllerClient client = management()) {
            ModelNode deploy = Operations.createAddOperation(Operations.createAddress("deployment", name));
            deploy.get("content").add().get("url").set(archive.toUri().toString());
            deploy.get("enabled").set(true);
            ServerManagement.execute(client, deploy);
        }
    }

    public boolean isAlive() {
        return process.isAlive() || process.descendants().anyMatch(ProcessHandle::isAlive);
    }

    private void awaitRunning() throws Exception {
        long deadline = System.currentTimeMillis() + START_MILLIS;
        ModelNode state = Operations.createReadAttributeOperation(new ModelNode().setEmptyList(), "server-state");
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The second server stopped while starting; see "
                        + baseDir.resolve("console.out"));
            }
            try (ModelControllerClient client = management()) {
                ModelNode outcome = client.execute(state);
                if (Operations.isSuccessfulOutcome(outcome)
                        && "running".equals(Operations.readResult(outcome).asString())) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("The second server did not run within " + START_MILLIS / 1000 + " s");
    }

    /** Stops what is left of the server's processes (the script and its JVM), forcibly. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().endsWith(".lock")) {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
