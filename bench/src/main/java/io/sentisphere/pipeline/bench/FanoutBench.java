package io.sentisphere.pipeline.bench;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.Result;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * channels-server fan-out, in two cases, against one server process:
 *
 * <ol>
 *   <li>soketi's own CI case: {@code BENCH_SMALL_CONNECTIONS} (500) sockets on one channel and
 *       {@code BENCH_SMALL_RATE} (10) events/s for {@code BENCH_SMALL_SECONDS} (30): p95 time for
 *       an event to reach every socket, after {@code BENCH_SMALL_WARMUP_EVENTS} (1,000) untimed
 *       ones;
 *   <li>{@code BENCH_CONNECTIONS} (10,000) sockets on one channel, then {@code BENCH_EVENTS} (50)
 *       events triggered one after another: p50/p99 time to reach every socket, and the server's
 *       RSS.
 * </ol>
 *
 * The sockets live in a separate JVM ({@link FanoutClients}); events are triggered from this one
 * with pusher-http-java. Both read the host's monotonic clock, so "reached every socket" minus
 * "trigger called" is one clock.
 */
public final class FanoutBench {

    public static void main(String[] args) throws Exception {
        int connections = Knobs.intEnv("BENCH_CONNECTIONS", 10_000);
        int events = Knobs.intEnv("BENCH_EVENTS", 50);
        int smallConnections = Knobs.intEnv("BENCH_SMALL_CONNECTIONS", 500);
        int smallRate = Knobs.intEnv("BENCH_SMALL_RATE", 10);
        int smallSeconds = Knobs.intEnv("BENCH_SMALL_SECONDS", 30);
        int smallWarmup = Knobs.intEnv("BENCH_SMALL_WARMUP_EVENTS", 1000);
        // The shipped JVM options (the local stack's and the Dockerfile's 256 MiB heap) unless
        // BENCH_CHANNELS_HEAP says otherwise.
        List<String> serverOptions = jvmOptions(System.getenv("BENCH_CHANNELS_HEAP"));
        Path home = Path.of(System.getProperty("stack.home", ".")).toAbsolutePath();
        // The floor first, on an idle machine: the same sockets and bytes, plain TCP, no server.
        long[][] floor = floor(home, connections, events);
        int port = Ports.free();
        try (ServiceProcess server = ServiceProcess.start(
                "channels-server",
                home.resolve("channels-server/target/channels-server.jar"),
                port,
                Map.of(
                        "PIPELINE_PROFILE",
                        "local",
                        "CHANNELS_PORT",
                        String.valueOf(port),
                        "LOGGING_LEVEL_ROOT",
                        "WARN",
                        "CHANNELS_MAX_CONNECTIONS",
                        String.valueOf(connections + smallConnections + 100)),
                serverOptions)) {
            Pusher pusher = new Pusher("app-id", "app-key", "app-secret");
            pusher.setHost("127.0.0.1:" + port);
            pusher.setEncrypted(false);
            pusher.setRequestTimeout(30_000);

            // Case 1: 500 sockets, 10 events/s, each event timed on its own.
            int smallEvents = smallRate * smallSeconds;
            long[] smallMicros = new long[smallEvents];
            long[] smallAnswered = new long[smallEvents];
            double smallOpen;
            try (Clients clients = Clients.start(home, port, smallConnections, "small", smallWarmup + smallEvents)) {
                smallOpen = clients.awaitSubscribed();
                // A server runs warm: the JIT first sees the same publishes, one after another, untimed.
                for (int seq = 0; seq < smallWarmup; seq++) {
                    trigger(pusher, "small", seq);
                    clients.reached(seq);
                }
                long interval = 1_000_000_000L / smallRate;
                long[] sentAt = new long[smallEvents];
                long next = System.nanoTime();
                for (int i = 0; i < smallEvents; i++) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    sentAt[i] = System.nanoTime();
                    trigger(pusher, "small", smallWarmup + i);
                    smallAnswered[i] = (System.nanoTime() - sentAt[i]) / 1_000;
                    next += interval;
                }
                for (int i = 0; i < smallEvents; i++) {
                    smallMicros[i] = (clients.reached(smallWarmup + i) - sentAt[i]) / 1_000;
                }
            }
            Arrays.sort(smallMicros);
            Arrays.sort(smallAnswered);

            // Case 2: 10,000 sockets, one event at a time.
            long[] allReached = new long[events];
            long rssMb;
            double openSeconds;
            try (Clients clients = Clients.start(home, port, connections, "fanout", events)) {
                openSeconds = clients.awaitSubscribed();
                rssMb = rssMegabytes(server.pid());
                System.out.printf(
                        "%d sockets connected and subscribed in %.1f s; server RSS %d MB%n",
                        connections, openSeconds, rssMb);
                for (int seq = 0; seq < events; seq++) {
                    long start = System.nanoTime();
                    trigger(pusher, "fanout", seq);
                    allReached[seq] = (clients.reached(seq) - start) / 1_000_000;
                }
            }
            long rssAfter = rssMegabytes(server.pid());
            String metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double serverP50 = metric(metrics, "channels_fanout_seconds{", "quantile=\"0.5\"") * 1000;
            double serverP99 = metric(metrics, "channels_fanout_seconds{", "quantile=\"0.99\"") * 1000;
            Arrays.sort(allReached);
            String report = """
                    ### channels-server fan-out (`bench/fanout`), %s

                    Machine: %d cores; channels-server `%s`, the sockets (the JDK WebSocket client) in a
                    second JVM, the trigger (pusher-http-java) in a third, all on this machine.

                    | measure | value | target |
                    |---|---|---|
                    | %d sockets (in %.1f s) at %d events/s for %d s: time for an event to reach every socket, p50 / p95 / max | **%.1f / %.1f** / %.1f ms | p95 ≤ 20 ms |
                    | … the trigger call (HTTP request, signature check, the server writing to every socket, response): p50 / p95 | %.1f / %.1f ms | |
                    | sockets connected and subscribed to one channel | **%d** (in %.1f s) | 10,000 |
                    | time for one event to reach every socket, %d events one after another: p50 / p99 / max | **%d / %d** / %d ms | p99 ≤ 100 ms |
                    | … of which the server writing the event to every socket (`channels_fanout_seconds`, both cases): p50 / p99 | %.1f / %.1f ms | |
                    | channels-server RSS with every socket connected / after the events | **%d** / %d MB | ≤ 400 MB |
                    | floor, same run: one thread writing the same %d bytes to %d plain TCP sockets, read by one selector thread in another JVM: write loop p50 / p99, time to all p50 / p99 | %d / %d ms, **%d / %d** ms | |
                    """.formatted(
                            Instant.now(),
                            Runtime.getRuntime().availableProcessors(),
                            String.join(" ", serverOptions),
                            smallConnections,
                            smallOpen,
                            smallRate,
                            smallSeconds,
                            PusherBench.pct(smallMicros, 50) / 1000.0,
                            PusherBench.pct(smallMicros, 95) / 1000.0,
                            smallMicros[smallEvents - 1] / 1000.0,
                            PusherBench.pct(smallAnswered, 50) / 1000.0,
                            PusherBench.pct(smallAnswered, 95) / 1000.0,
                            connections,
                            openSeconds,
                            events,
                            PusherBench.pct(allReached, 50),
                            PusherBench.pct(allReached, 99),
                            allReached[events - 1],
                            serverP50,
                            serverP99,
                            rssMb,
                            rssAfter,
                            FLOOR_FRAME_BYTES,
                            connections,
                            PusherBench.pct(floor[0], 50),
                            PusherBench.pct(floor[0], 99),
                            PusherBench.pct(floor[1], 50),
                            PusherBench.pct(floor[1], 99));
            System.out.println(report);
            Path out = home.resolve("bench/results/fanout.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    /** About the size of a bench event's WebSocket frame (header, channel, event name, 200-byte pad). */
    static final int FLOOR_FRAME_BYTES = 280;

    /**
     * The fan-out floor of this machine: {@code connections} loopback TCP connections to this JVM,
     * their reader ({@link FanoutFloorReaders}) in another; for each of {@code events}, one thread
     * writes the same {@value #FLOOR_FRAME_BYTES} bytes to every connection. Returns the write loop's
     * and the time-to-all's milliseconds, each sorted.
     */
    static long[][] floor(Path home, int connections, int events) throws Exception {
        long[] loops = new long[events];
        long[] reached = new long[events];
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0), connections);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            List<SocketChannel> sockets = new ArrayList<>(connections);
            try (Clients readers = Clients.start(
                    home,
                    FanoutFloorReaders.class,
                    String.valueOf(port),
                    String.valueOf(connections),
                    String.valueOf(FLOOR_FRAME_BYTES),
                    String.valueOf(events))) {
                for (int i = 0; i < connections; i++) {
                    sockets.add(server.accept());
                }
                readers.awaitSubscribed();
                ByteBuffer frame = ByteBuffer.wrap(new byte[FLOOR_FRAME_BYTES]).asReadOnlyBuffer();
                for (int seq = 0; seq < events; seq++) {
                    long start = System.nanoTime();
                    for (SocketChannel socket : sockets) {
                        ByteBuffer bytes = frame.duplicate();
                        while (bytes.hasRemaining()) {
                            socket.write(bytes);
                        }
                    }
                    loops[seq] = (System.nanoTime() - start) / 1_000_000;
                    reached[seq] = (readers.reached(seq) - start) / 1_000_000;
                }
            } finally {
                for (SocketChannel socket : sockets) {
                    socket.close();
                }
            }
        }
        Arrays.sort(loops);
        Arrays.sort(reached);
        System.out.printf(
                "floor: write loop p50 %d ms, time to all p50 %d / p99 %d ms%n",
                PusherBench.pct(loops, 50), PusherBench.pct(reached, 50), PusherBench.pct(reached, 99));
        return new long[][] {loops, reached};
    }

    private static void trigger(Pusher pusher, String channel, int seq) {
        Result result = pusher.trigger(channel, "tick", Map.of("seq", seq, "pad", "x".repeat(200)));
        if (result.getHttpStatus() == null || result.getHttpStatus() != 200) {
            throw new IllegalStateException("trigger failed: " + result.getStatus() + " " + result.getMessage());
        }
    }

    /** A {@link FanoutClients} process and what it reports. */
    private static final class Clients implements AutoCloseable {

        private final Process process;
        private final CompletableFuture<Double> subscribed = new CompletableFuture<>();
        private final Map<Integer, CompletableFuture<Long>> reached = new ConcurrentHashMap<>();
        private final long startedAt = System.nanoTime();

        private Clients(Process process) {
            this.process = process;
            Thread reader = new Thread(this::read, "fanout-clients-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Clients start(Path home, int port, int connections, String channel, int events) throws Exception {
            return start(
                    home,
                    FanoutClients.class,
                    "ws://127.0.0.1:" + port + "/app/app-key?protocol=7&client=bench&version=1",
                    String.valueOf(connections),
                    channel,
                    String.valueOf(events));
        }

        static Clients start(Path home, Class<?> main, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g",
                    "-cp",
                    home.resolve("bench/target/bench.jar") + ":" + home.resolve("bench/target/lib/*"),
                    main.getName()));
            command.addAll(List.of(args));
            return new Clients(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }

        private void read() {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] parts = line.split(" ");
                    switch (parts[0]) {
                        case "open" -> System.out.println(line + " sockets open");
                        case "subscribed", "connected" -> subscribed.complete((System.nanoTime() - startedAt) / 1e9);
                        case "reached" -> future(Integer.parseInt(parts[1])).complete(Long.parseLong(parts[2]));
                        default -> System.out.println("clients: " + line);
                    }
                }
            } catch (Exception e) {
                subscribed.completeExceptionally(e);
            }
            IllegalStateException ended = new IllegalStateException("the client process ended");
            subscribed.completeExceptionally(ended);
            reached.values().forEach(f -> f.completeExceptionally(ended));
        }

        private CompletableFuture<Long> future(int seq) {
            return reached.computeIfAbsent(seq, s -> new CompletableFuture<>());
        }

        double awaitSubscribed() throws Exception {
            return subscribed.get(5, TimeUnit.MINUTES);
        }

        /** When the last socket received event {@code seq} ({@link System#nanoTime()}). */
        long reached(int seq) throws Exception {
            return future(seq).get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * The server's shipped JVM options, or {@code -Xmx<heap>} when {@code BENCH_CHANNELS_HEAP} is set,
     * plus {@code BENCH_CHANNELS_JVM_OPTIONS} (e.g. a JFR recording).
     */
    private static List<String> jvmOptions(String heap) {
        List<String> options = new ArrayList<>(
                heap == null || heap.isBlank() ? ServiceProcess.jvmOptions("channels-server") : List.of("-Xmx" + heap));
        String extra = System.getenv("BENCH_CHANNELS_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    static double metric(String body, String prefix, String label) {
        return body.lines()
                .filter(l -> l.startsWith(prefix) && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(-1);
    }

    static long rssMegabytes(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
