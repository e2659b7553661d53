package io.sentisphere.pipeline.jsclients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One real dashboard client in a Node process: {@code pusher-js} and {@code laravel-echo} as
 * installed from npm by this module's build, driven through {@code probe/client.mjs} (see its
 * header for the commands and the lines it reports).
 *
 * <p>Every line the client reports is kept in order; {@link #await} blocks on a monitor until a
 * matching line arrives (no polling sleeps). Close it to end the Node process.
 */
public final class JsClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong COMMANDS = new AtomicLong();

    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> lines = new ArrayList<>();
    private final Thread reader;

    private JsClient(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::readLines, "js-client-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a Node client and waits until it is ready. */
    public static JsClient start() {
        return start("probe/client.mjs");
    }

    /**
     * A page in real headless Chromium ({@code probe/browser.mjs}): reports the text of every element
     * with an id ({@code {"type":"dom","values":{…}}}) each time the DOM changes.
     */
    public static JsClient browser(String url) {
        return start("probe/browser.mjs", url);
    }

    /** As {@link #browser(String)}, in a viewport of {@code width} × {@code height} CSS pixels. */
    public static JsClient browser(String url, int width, int height) {
        return start("probe/browser.mjs", url, String.valueOf(width), String.valueOf(height));
    }

    /**
     * Evaluates {@code expression} in the page (awaited when it is a promise) and returns its JSON
     * value; fails when it throws or takes over {@code timeout}. Only for {@link #browser} clients.
     */
    public JsonNode evaluate(String expression, Duration timeout) {
        String id = "eval-" + COMMANDS.incrementAndGet();
        send(Map.of("cmd", "eval", "id", id, "expression", expression));
        JsonNode answer = await(line -> id.equals(line.path("id").asString()), timeout);
        if ("command_error".equals(answer.path("type").asString())) {
            throw new AssertionError(
                    "in the page: " + expression + ": " + answer.path("error").asString());
        }
        return answer.path("value");
    }

    /** Saves a full-page PNG of the page at {@code path}. Only for {@link #browser} clients. */
    public void screenshot(Path path, Duration timeout) {
        String id = "shot-" + COMMANDS.incrementAndGet();
        send(Map.of("cmd", "screenshot", "id", id, "path", path.toAbsolutePath().toString()));
        JsonNode answer = await(line -> id.equals(line.path("id").asString()), timeout);
        if ("command_error".equals(answer.path("type").asString())) {
            throw new AssertionError(
                    "screenshot " + path + ": " + answer.path("error").asString());
        }
    }

    /** Resizes the page's viewport. Only for {@link #browser} clients. */
    public void viewport(int width, int height, Duration timeout) {
        String id = "viewport-" + COMMANDS.incrementAndGet();
        send(Map.of("cmd", "viewport", "id", id, "width", width, "height", height));
        await(line -> id.equals(line.path("id").asString()), timeout);
    }

    private static JsClient start(String script, String... args) {
        Path dir = JsClients.directory();
        try {
            List<String> command =
                    new ArrayList<>(List.of("node", dir.resolve(script).toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            JsClient client = new JsClient(process);
            client.await(line -> "ready".equals(line.path("type").asString()), Duration.ofSeconds(30));
            return client;
        } catch (IOException e) {
            throw new IllegalStateException("could not start node (is Node.js installed?)", e);
        }
    }

    /** Sends one command, e.g. {@code Map.of("cmd", "subscribe", "channel", "private-x")}. */
    public synchronized JsClient send(Map<String, ?> command) {
        try {
            stdin.write(JSON.writeValueAsString(command));
            stdin.write('\n');
            stdin.flush();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("the node client is gone", e);
        }
    }

    /** Connects pusher-js to a Pusher-protocol server on 127.0.0.1. */
    public JsClient connect(String key, int port, Map<String, ?> extra) {
        Map<String, Object> command = new HashMap<>(extra);
        command.put("cmd", "pusher");
        command.put("key", key);
        command.put("host", "127.0.0.1");
        command.put("port", port);
        return send(command);
    }

    /**
     * Sets up Laravel Echo (over pusher-js) against a Pusher-protocol server on 127.0.0.1, authorizing
     * private channels at {@code authEndpoint} with the bearer {@code token}, as the dashboard does.
     */
    public JsClient echo(String key, int port, String authEndpoint, String token) {
        return send(Map.of(
                "cmd",
                "echo",
                "key",
                key,
                "host",
                "127.0.0.1",
                "port",
                port,
                "authEndpoint",
                authEndpoint,
                "token",
                token));
    }

    /**
     * Echo's {@code private(channel).listen('.DashboardUpdated')}: lines {@code echo-subscribed},
     * {@code echo-event} or {@code echo-error} follow for {@code channel}.
     */
    public JsClient listenToDashboard(String channel) {
        return send(Map.of("cmd", "echo-private", "channel", channel, "event", ".DashboardUpdated"));
    }

    /** The first line (in arrival order) matching {@code predicate}, waiting up to {@code timeout}. */
    public JsonNode await(Predicate<JsonNode> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (JsonNode line : lines) {
                    if (predicate.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                    throw new AssertionError(
                            "no matching line from the js client within " + timeout + "; its last lines: " + summary());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The last 20 lines, each cut to 300 characters, for failure messages. */
    private String summary() {
        return lines.subList(Math.max(0, lines.size() - 20), lines.size()).stream()
                .map(l -> {
                    String t = l.toString();
                    return t.length() > 300 ? t.substring(0, 300) + "…" : t;
                })
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    /** A line of {@code type} (and, if given, on {@code channel}). */
    public static Predicate<JsonNode> type(String type) {
        return line -> type.equals(line.path("type").asString());
    }

    public static Predicate<JsonNode> type(String type, String channel) {
        return type(type).and(line -> channel.equals(line.path("channel").asString()));
    }

    /** Every line received so far, in order. */
    public List<JsonNode> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public List<JsonNode> lines(Predicate<JsonNode> predicate) {
        return lines().stream().filter(predicate).toList();
    }

    @Override
    public void close() {
        try {
            send(Map.of("cmd", "exit"));
            stdin.close();
        } catch (IllegalStateException | IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void readLines() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (RuntimeException e) {
                    node = JSON.createObjectNode().put("type", "unparsed").put("text", line);
                }
                synchronized (lines) {
                    lines.add(node);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // process ended
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }
}
