package io.sentisphere.pipeline.bench;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.Result;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * channels-server fan-out: {@code BENCH_CONNECTIONS} (10,000) WebSockets (the JDK's client, in this
 * JVM, so one clock measures both ends) subscribed to one channel, then {@code BENCH_EVENTS} (50)
 * events triggered one after another with pusher-http-java; for each, the time from the trigger
 * call to the moment the last socket has it. Also the server's RSS with every socket connected.
 */
public final class FanoutBench {

    public static void main(String[] args) throws Exception {
        int connections = Knobs.intEnv("BENCH_CONNECTIONS", 10_000);
        int events = Knobs.intEnv("BENCH_EVENTS", 50);
        String heap = System.getenv().getOrDefault("BENCH_CHANNELS_HEAP", "1g");
        Path home = Path.of(System.getProperty("stack.home", ".")).toAbsolutePath();
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
                        String.valueOf(connections + 100)),
                jvmOptions(heap))) {
            // Per event: how many sockets have it, and when the last one got it (nanoTime).
            AtomicLongArray received = new AtomicLongArray(events);
            AtomicLongArray lastAt = new AtomicLongArray(events);
            CountDownLatch subscribed = new CountDownLatch(connections);
            CountDownLatch[] everyone = new CountDownLatch[events];
            for (int i = 0; i < events; i++) {
                everyone[i] = new CountDownLatch(connections);
            }
            HttpClient client = HttpClient.newBuilder()
                    .executor(Executors.newFixedThreadPool(2))
                    .build();
            URI uri = URI.create("ws://127.0.0.1:" + port + "/app/app-key?protocol=7&client=bench&version=1");
            List<WebSocket> sockets = new ArrayList<>();
            long openStart = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                sockets.add(client.newWebSocketBuilder()
                        .buildAsync(uri, new WebSocket.Listener() {
                            final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    String text = partial.toString();
                                    partial.setLength(0);
                                    if (text.contains("connection_established")) {
                                        ws.sendText(
                                                "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"fanout\"}}",
                                                true);
                                    } else if (text.contains("subscription_succeeded")) {
                                        subscribed.countDown();
                                    } else {
                                        int at = text.indexOf("seq\\\":");
                                        if (at >= 0) {
                                            int end = at + 6;
                                            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                                                end++;
                                            }
                                            int seq = Integer.parseInt(text.substring(at + 6, end));
                                            long now = System.nanoTime();
                                            received.incrementAndGet(seq);
                                            lastAt.accumulateAndGet(seq, now, Math::max);
                                            everyone[seq].countDown();
                                        }
                                    }
                                }
                                ws.request(1);
                                return null;
                            }
                        })
                        .get(30, TimeUnit.SECONDS));
                if ((i + 1) % 1000 == 0) {
                    System.out.printf("%d sockets open (%.1f s)%n", i + 1, (System.nanoTime() - openStart) / 1e9);
                }
            }
            if (!subscribed.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "only " + (connections - subscribed.getCount()) + " sockets subscribed");
            }
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            long rssMb = rssMegabytes(server.pid());
            System.out.printf(
                    "%d sockets connected and subscribed in %.1f s; server RSS %d MB%n",
                    connections, openSeconds, rssMb);

            Pusher pusher = new Pusher("app-id", "app-key", "app-secret");
            pusher.setHost("127.0.0.1:" + port);
            pusher.setEncrypted(false);
            pusher.setRequestTimeout(30_000);
            long[] allReached = new long[events];
            for (int seq = 0; seq < events; seq++) {
                long start = System.nanoTime();
                Result result = pusher.trigger("fanout", "tick", Map.of("seq", seq, "pad", "x".repeat(200)));
                if (result.getHttpStatus() == null || result.getHttpStatus() != 200) {
                    throw new IllegalStateException(
                            "trigger failed: " + result.getStatus() + " " + result.getMessage());
                }
                if (!everyone[seq].await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("event " + seq + " reached " + received.get(seq) + " sockets only");
                }
                allReached[seq] = (lastAt.get(seq) - start) / 1_000_000;
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

                    Machine: %d cores; channels-server `-Xmx%s` and this harness (the JDK WebSocket client, all
                    sockets in one JVM) on one machine.

                    | measure | value | target |
                    |---|---|---|
                    | sockets connected and subscribed to one channel | **%d** (in %.1f s) | 10,000 |
                    | time for one event to reach every socket, %d events one after another: p50 / p99 / max | **%d / %d** / %d ms | p99 ≤ 100 ms |
                    | … of which the server queueing the event for every socket (`channels_fanout_seconds`): p50 / p99 | %.0f / %.0f ms | |
                    | channels-server RSS with every socket connected / after the events | %d / %d MB | |
                    """.formatted(
                            Instant.now(),
                            Runtime.getRuntime().availableProcessors(),
                            heap,
                            connections,
                            openSeconds,
                            events,
                            PusherBench.pct(allReached, 50),
                            PusherBench.pct(allReached, 99),
                            allReached[events - 1],
                            serverP50,
                            serverP99,
                            rssMb,
                            rssAfter);
            System.out.println(report);
            Path out = home.resolve("bench/results/fanout.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            sockets.forEach(WebSocket::abort);
        }
    }

    /** The server's heap, plus {@code BENCH_CHANNELS_JVM_OPTIONS} (e.g. a JFR recording). */
    private static List<String> jvmOptions(String heap) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap));
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
