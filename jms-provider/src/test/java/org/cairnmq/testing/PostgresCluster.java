package org.cairnmq.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for the tests of one JVM, on 127.0.0.1 and a free port, with its data
 * under {@code target/postgresql/cluster-<jvm pid>/}. It is started on first use ({@link #shared()}) and
 * stopped when the test run ends ({@link PostgresExtension}) or, failing that, when the JVM exits.
 *
 * <p>The server binaries ({@code initdb}, {@code pg_ctl}, {@code postgres}) come from Debian's
 * {@code postgresql} package, found under {@code /usr/lib/postgresql/<version>/bin} (the newest), or
 * from the folder named by {@value #BIN_PROPERTY}. PostgreSQL refuses to run as root; as root (CI and the
 * developers' machines) every server command runs as the OS user {@code postgres} (created by the
 * package; another one by {@value #OS_USER_PROPERTY}) through {@code runuser -u postgres --}, and the
 * cluster folder is given to that user. Trust authentication on 127.0.0.1 only, fsync off: nothing in it
 * is meant to outlive the JVM (a benchmark's {@link #startDurable(Path) durable} cluster keeps fsync on).
 * See docs/testing.md.
 */
public final class PostgresCluster {
    /** {@code -Dcairn.test.postgresql.skip=true} skips the PostgreSQL tests instead of failing them. */
    public static final String SKIP_PROPERTY = "cairn.test.postgresql.skip";
    /** The folder holding {@code initdb}, {@code pg_ctl} and {@code postgres}, if not the Debian one. */
    public static final String BIN_PROPERTY = "cairn.test.postgresql.bin";
    /** The OS user that runs the server when the tests run as root; default {@code postgres}. */
    public static final String OS_USER_PROPERTY = "cairn.test.postgresql.osUser";

    private static final String SUPERUSER = "cairn";
    private static final String INSTALL_HINT = "Install the PostgreSQL server with `apt-get install postgresql`"
            + " (what .ci/run does), or point -D" + BIN_PROPERTY + "=<folder with initdb, pg_ctl, postgres>"
            + " at one, or skip the PostgreSQL tests with -D" + SKIP_PROPERTY + "=true (docs/testing.md).";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private static PostgresCluster shared;
    private static RuntimeException startFailure;

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final Path serverLog;
    private final Optional<String> osUser;
    private final AtomicInteger databases = new AtomicInteger();
    private final boolean durable;
    private int port;
    private volatile boolean running;

    private PostgresCluster(Path bin, Path folder, Optional<String> osUser, boolean durable) {
        this.bin = bin;
        this.durable = durable;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.serverLog = folder.resolve("server.log");
        this.osUser = osUser;
    }

    /**
     * The cluster of this JVM, started on the first call, and again after a test stopped it. A failure to
     * start is remembered and thrown again to every later caller, so a missing installation fails each
     * PostgreSQL test class with the same clear message instead of trying again.
     */
    public static synchronized PostgresCluster shared() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (shared == null || !shared.running) { // stopped by a test (an IT's outage): the next gets a new one
            try {
                PostgresCluster cluster = create(Path.of("target", "postgresql").toAbsolutePath(), false);
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "cairn-postgresql-stop"));
                cluster.start();
                shared = cluster;
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /**
     * Starts a cluster of its own under {@code parent}, durable as in production (fsync and full page writes
     * on, the defaults), for benchmarks; the caller {@link #stop() stops} it, or the JVM's exit does.
     */
    public static PostgresCluster startDurable(Path parent) {
        PostgresCluster cluster = create(parent.toAbsolutePath(), true);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "cairn-postgresql-stop"));
        cluster.start();
        return cluster;
    }

    /** The server's main process (its first line of {@code postmaster.pid}), parent of all its processes. */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the postmaster's pid in " + data, e);
        }
    }

    /** Stops the shared cluster if it was started; a later {@link #shared()} would start a new one. */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }

    /**
     * Creates an empty database in the cluster.
     *
     * @return its JDBC URL, with the user in it (the cluster trusts 127.0.0.1)
     */
    public String createDatabase() {
        String name = "cairn_test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " in " + this, e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    @Override
    public String toString() {
        return "PostgreSQL test cluster on 127.0.0.1:" + port + " in " + folder;
    }

    private static PostgresCluster create(Path parent, boolean durable) {
        Path bin = findBinaries();
        Optional<String> osUser = isRoot()
                ? Optional.of(System.getProperty(OS_USER_PROPERTY, "postgres"))
                : Optional.empty();
        try {
            Files.createDirectories(parent);
            removeAbandonedClusters(parent, bin, osUser);
            Path folder = parent.resolve("cluster-" + ProcessHandle.current().pid());
            deleteTree(folder);
            Files.createDirectories(folder);
            if (osUser.isPresent()) {
                giveTo(folder, osUser.get());
            }
            return new PostgresCluster(bin, folder, osUser, durable);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + parent + " for the PostgreSQL test cluster", e);
        }
    }

    private void start() {
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "--auth=trust",
                "--username=" + SUPERUSER, "--encoding=UTF8", "--locale=C", "--no-sync"), "initdb");
        appendSettings();
        // Another process may take the free port between our probe and the server's bind: try again.
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freePort();
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", serverLog.toString(),
                        "-o", "-p " + port, "-w", "-t", "60", "start"), "pg_ctl start");
                running = true;
                return;
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Kills the server as a crash would ({@code pg_ctl -m immediate}: no checkpoint, clients cut off at
     * once); {@link #restartAfterCrash()} starts it again on the same port, recovering from its WAL.
     */
    public synchronized void crash() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t", "60",
                "stop"), "pg_ctl crash");
    }

    /** Starts the server again after {@link #crash()}, on the port it had. */
    public synchronized void restartAfterCrash() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", serverLog.toString(),
                "-o", "-p " + port, "-w", "-t", "60", "start"), "pg_ctl restart");
    }

    /** Stops the server (fast shutdown) and deletes its folder. Safe to call twice. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60",
                    "stop"), "pg_ctl stop");
            deleteTree(folder);
        } catch (RuntimeException | IOException e) {
            System.err.println("Could not stop or remove " + this + ": " + e.getMessage());
        }
    }

    private void appendSettings() {
        String settings = """

                # Cairn test cluster: local TCP only, no Unix socket.
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                max_connections = 200
                """ + (durable ? "" : """
                # Durability traded for speed: nothing here is meant to outlive the JVM.
                fsync = off
                full_page_writes = off
                """);
        try {
            Files.writeString(data.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> command, String what) {
        run(command, what, osUser, folder.resolve(what.replace(' ', '-') + ".out"));
    }

    private static void run(List<String> command, String what, Optional<String> osUser, Path output) {
        List<String> full = new ArrayList<>();
        osUser.ifPresent(user -> full.addAll(List.of("runuser", "-u", user, "--")));
        full.addAll(command);
        try {
            Files.deleteIfExists(output);
            Process process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s: "
                        + String.join(" ", full));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (exit " + process.exitValue() + "): "
                        + String.join(" ", full) + "\n" + tail(output) + tail(output.resolveSibling("server.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", full) + ": " + e.getMessage()
                    + (osUser.isPresent() ? " (as root, PostgreSQL runs through runuser from util-linux)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + what, e);
        }
    }

    private static Path findBinaries() {
        String configured = System.getProperty(BIN_PROPERTY);
        if (configured != null) {
            Path bin = Path.of(configured);
            if (!hasServer(bin)) {
                throw new IllegalStateException("-D" + BIN_PROPERTY + "=" + configured
                        + " has no initdb, pg_ctl and postgres. " + INSTALL_HINT);
            }
            return bin;
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions
                        .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .map(v -> v.resolve("bin"))
                        .filter(PostgresCluster::hasServer)
                        .max(Comparator.comparingDouble(b -> Double.parseDouble(b.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && hasServer(Path.of(dir))) {
                return Path.of(dir);
            }
        }
        throw new IllegalStateException("The PostgreSQL tests need a PostgreSQL server, and none was found"
                + " (no /usr/lib/postgresql/<version>/bin with initdb, pg_ctl and postgres, none on the PATH). "
                + INSTALL_HINT);
    }

    private static boolean hasServer(Path bin) {
        return Stream.of("initdb", "pg_ctl", "postgres").allMatch(f -> Files.isExecutable(bin.resolve(f)));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void giveTo(Path folder, String user) throws IOException {
        UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
        try {
            UserPrincipal owner = users.lookupPrincipalByName(user);
            PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
            view.setOwner(owner);
            try {
                GroupPrincipal group = users.lookupPrincipalByGroupName(user);
                view.setGroup(group);
            } catch (UserPrincipalNotFoundException noGroupOfThatName) {
                // The owner is what PostgreSQL checks.
            }
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("The tests run as root, and PostgreSQL refuses root; they run it as"
                    + " the OS user '" + user + "', which does not exist. Debian's postgresql package creates"
                    + " 'postgres'; or name another unprivileged user with -D" + OS_USER_PROPERTY + "=<user>.", e);
        }
    }

    /**
     * Stops and removes clusters left in {@code parent} by test JVMs that died without stopping them.
     * A cluster whose JVM still runs (another build in the same tree) is left alone.
     */
    private static void removeAbandonedClusters(Path parent, Path bin, Optional<String> osUser) throws IOException {
        try (Stream<Path> clusters = Files.list(parent)) {
            for (Path cluster : clusters.toList()) {
                String name = cluster.getFileName().toString();
                if (!name.matches("cluster-\\d+")) {
                    continue;
                }
                long ownerPid = Long.parseLong(name.substring("cluster-".length()));
                if (ownerPid == ProcessHandle.current().pid()
                        || ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (Files.exists(cluster.resolve("data/postmaster.pid"))) {
                    try {
                        run(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.resolve("data").toString(),
                                "-m", "immediate", "-w", "-t", "60", "stop"), "pg_ctl stop", osUser,
                                cluster.resolve("abandoned-stop.out"));
                    } catch (IllegalStateException alreadyStopped) {
                        // A stale postmaster.pid: nothing runs there any more.
                    }
                }
                deleteTree(cluster);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "--- " + file.getFileName() + "\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ")\n";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
