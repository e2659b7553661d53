package io.sentisphere.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU time of processes over a wall-clock interval, from {@code /proc/<pid>/stat} (Linux). */
final class CpuUsage {

    /** Clock ticks per second of {@code utime}/{@code stime}; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuUsage() {}

    /** Waits {@code interval}; returns each process's CPU use over it, in percent of one core. */
    static Map<String, Double> percentOver(Map<String, Long> pids, Duration interval)
            throws IOException, InterruptedException {
        Map<String, Long> before = new LinkedHashMap<>();
        for (Map.Entry<String, Long> pid : pids.entrySet()) {
            before.put(pid.getKey(), ticks(pid.getValue()));
        }
        long start = System.nanoTime();
        Thread.sleep(interval.toMillis()); // the measurement interval itself, not a synchronisation
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> percent = new LinkedHashMap<>();
        for (Map.Entry<String, Long> pid : pids.entrySet()) {
            long used = ticks(pid.getValue()) - before.get(pid.getKey());
            percent.put(pid.getKey(), 100 * used / TICKS_PER_SECOND / seconds);
        }
        return percent;
    }

    /** utime + stime of the process (all its threads), in clock ticks. */
    static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
