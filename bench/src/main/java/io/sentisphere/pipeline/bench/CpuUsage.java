package io.sentisphere.pipeline.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of processes over a wall-clock interval, from {@code /proc/<pid>/stat}, and of their JIT
 * compiler threads, from {@code /proc/<pid>/task/<tid>/} (Linux).
 */
final class CpuUsage {

    /** Clock ticks per second of {@code utime}/{@code stime}; 100 on every Linux this runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private CpuUsage() {}

    /** Waits {@code interval}; returns each process's CPU use over it, in percent of one core. */
    static Map<String, Double> percentOver(Map<String, Long> pids, Duration interval)
            throws IOException, InterruptedException {
        Map<String, Long> before = ticks(pids);
        long start = System.nanoTime();
        Thread.sleep(interval.toMillis()); // the measurement interval itself, not a synchronisation
        return percentSince(pids, before, (System.nanoTime() - start) / 1e9);
    }

    /** Each process's utime + stime now, in clock ticks: the start of an interval for {@link #percentSince}. */
    static Map<String, Long> ticks(Map<String, Long> pids) throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Map.Entry<String, Long> pid : pids.entrySet()) {
            ticks.put(pid.getKey(), ticks(pid.getValue()));
        }
        return ticks;
    }

    /** Each process's CPU use since {@code before} was taken, {@code seconds} ago, in percent of one core. */
    static Map<String, Double> percentSince(Map<String, Long> pids, Map<String, Long> before, double seconds)
            throws IOException {
        Map<String, Double> percent = new LinkedHashMap<>();
        for (Map.Entry<String, Long> pid : pids.entrySet()) {
            long used = ticks(pid.getValue()) - before.get(pid.getKey());
            percent.put(pid.getKey(), 100 * used / TICKS_PER_SECOND / seconds);
        }
        return percent;
    }

    /** utime + stime of the process (all its threads), in clock ticks. */
    static long ticks(long pid) throws IOException {
        return ticks(Path.of("/proc/" + pid + "/stat"));
    }

    /** utime + stime from a {@code stat} file of {@code /proc} (a process's, or one thread's under {@code task/}). */
    static long ticks(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * The ticks of each of the process's HotSpot compiler threads alive now ({@code C1 CompilerThre…},
     * {@code C2 CompilerThre…} in {@code comm}), by thread id; empty once the process has ended.
     * HotSpot starts and stops compiler threads as its queue grows, so a caller that sums over an
     * interval should keep the last count of a thread that is gone.
     */
    static Map<String, Long> compilerThreadTicks(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm"));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        ticks.put(thread.getFileName().toString(), ticks(thread.resolve("stat")));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return ticks;
    }

    /**
     * Each process's compiler threads' CPU since {@code before} ({@link #compilerThreadTicks} of
     * each, taken {@code seconds} ago), in percent of one core. A thread that ended in between is
     * counted up to when {@code before} was taken; one that started, from zero.
     */
    static Map<String, Double> compilerPercentSince(
            Map<String, Long> pids, Map<String, Map<String, Long>> before, double seconds) {
        Map<String, Double> percent = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Map<String, Long> was = before.get(name);
            long used = 0;
            for (Map.Entry<String, Long> thread : compilerThreadTicks(pid).entrySet()) {
                used += thread.getValue() - was.getOrDefault(thread.getKey(), 0L);
            }
            percent.put(name, 100 * used / TICKS_PER_SECOND / seconds);
        });
        return percent;
    }
}
