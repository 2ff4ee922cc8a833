package org.cairnmq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The benchmark's handle on a {@link ClusterBenchmarkNode} child JVM: commands in, answers out. */
final class NodeProcess implements AutoCloseable {
    private static final long ANSWER_TIMEOUT_SECONDS = 120;

    /** One {@code SAMPLE} answer, with the node's CPU time when it was taken. */
    record Sample(long received, long p50Micros, long p99Micros, int latencies, double cpuSeconds) {
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readAnswers, "node-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node and waits until its consumers listen. */
    static NodeProcess start(Path log, String url, String name, int producers, int consumers, double rate)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ClusterBenchmarkNode.class.getName(), url, name, Integer.toString(producers),
                Integer.toString(consumers), Double.toString(rate)));
        NodeProcess node = new NodeProcess(name, new ProcessBuilder(command).redirectError(log.toFile()).start(), log);
        node.await("READY");
        return node;
    }

    /** Waits until this node, started first, has seen another join. */
    void awaitOthers() throws IOException, InterruptedException {
        send("CLUSTERED");
        await("CLUSTERED");
    }

    void startProducers() throws IOException {
        send("START");
    }

    Sample sample() throws IOException, InterruptedException {
        send("SAMPLE");
        String[] f = await("SAMPLE ").split(" ");
        return new Sample(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]),
                ProcessCpu.seconds(process.pid()));
    }

    private void send(String command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private String await(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
        while (true) {
            String line = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("Node " + name + " gave no '" + prefix + "' in "
                        + ANSWER_TIMEOUT_SECONDS + " s (alive: " + process.isAlive() + "); its log: " + log);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the node is gone; await() says so at its deadline
        }
    }

    /** Ends the node: closing its standard input makes it halt; killed if it does not. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
