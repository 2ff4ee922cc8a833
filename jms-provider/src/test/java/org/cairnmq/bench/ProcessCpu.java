package org.cairnmq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of processes, read from {@code /proc/<pid>/stat} (Linux only), in seconds. */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    /** User and system time of one process, its threads included. */
    static double seconds(long pid) {
        long[] f = statFields(pid);
        return f == null ? 0 : (f[0] + f[1]) / TICKS_PER_SECOND;
    }

    /**
     * User and system time of a process and all its descendants, those that ended included (as far as the
     * process reaped them: the children's times it counts as its own). For PostgreSQL's postmaster: the
     * whole server, backends of closed connections too.
     */
    static double treeSeconds(long pid) {
        long[] root = statFields(pid);
        if (root == null) {
            return 0;
        }
        double seconds = (root[0] + root[1] + root[2] + root[3]) / TICKS_PER_SECOND;
        return seconds + ProcessHandle.of(pid).map(p -> p.descendants().mapToDouble(d -> seconds(d.pid())).sum())
                .orElse(0.0);
    }

    /** utime, stime, cutime, cstime (fields 14 to 17), or null if the process is gone. */
    private static long[] statFields(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return null;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14])};
    }

    private static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100; // Linux's USER_HZ nearly everywhere
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
