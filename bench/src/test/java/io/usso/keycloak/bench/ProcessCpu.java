package io.usso.keycloak.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far (user + system, all its threads), read from {@code /proc/<pid>/stat}. Used to
 * express a server-side cost per operation: CPU delta over a phase divided by the operations completed in it.
 */
public final class ProcessCpu {

    private final long pid;
    private final long ticksPerSecond;

    public ProcessCpu(long pid) {
        this.pid = pid;
        this.ticksPerSecond = clockTicks();
    }

    /** @return user + system CPU of the process so far, in milliseconds */
    public double millis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may contain spaces: count fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) * 1000.0 / ticksPerSecond;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid + ": " + e.getMessage(), e);
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
