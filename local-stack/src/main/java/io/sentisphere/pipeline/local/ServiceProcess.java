package io.sentisphere.pipeline.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One service of the pipeline in a child JVM ({@code java -jar}), its output echoed with a
 * {@code [name]} prefix. {@link #start} returns once {@code GET /health} answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Process process;

    private ServiceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts a service with {@link #jvmOptions its measured JVM options}. */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> env)
            throws IOException, InterruptedException {
        return start(name, jar, port, env, jvmOptions(name));
    }

    /**
     * The JVM options a service is run and measured with (bench/RESULTS.md; docker-compose.yml uses
     * the same). stats-stream: an 88 MiB heap with the serial collector, and native memory freed by
     * RocksDB and the JIT given back to the OS every second (JDK 17.0.9+), keep its resident memory
     * under 300 MB at a 32 MiB RocksDB budget; the others: 256 MiB.
     */
    public static List<String> jvmOptions(String name) {
        return name.equals("stats-stream")
                ? List.of("-Xmx88m", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=1000")
                : List.of("-Xmx256m");
    }

    /** As {@link #start(String, Path, int, Map)}, with the child JVM's options (heap, profiler). */
    public static ServiceProcess start(
            String name, Path jar, int port, Map<String, String> env, List<String> jvmOptions)
            throws IOException, InterruptedException {
        ServiceProcess service = launch(name, jar, env, jvmOptions, line -> {});
        service.awaitHealthy(port);
        return service;
    }

    /**
     * Starts a service without waiting for it, e.g. to observe it while it starts; every line of its
     * output goes to {@code onLine} (on the echo thread) as well as to this JVM's output.
     */
    public static ServiceProcess launch(
            String name, Path jar, Map<String, String> env, List<String> jvmOptions, Consumer<String> onLine)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build first with 'mvn -DskipTests package'");
        }
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // glibc's per-thread malloc arenas inflate the resident memory of native code (RocksDB); 2 is
        // the usual cap. A caller's value wins.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(env);
        ServiceProcess service = new ServiceProcess(name, builder.start());
        service.echoOutput(onLine);
        return service;
    }

    /** The child's process id, e.g. to read its resident memory from /proc. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process without any shutdown (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void echoOutput(Consumer<String> onLine) {
        Thread echo = new Thread(
                () -> {
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            System.out.println("[" + name + "] " + line);
                            onLine.accept(line);
                        }
                    } catch (IOException e) {
                        // the process ended; nothing more to echo
                    }
                },
                name + "-output");
        echo.setDaemon(true);
        echo.start();
    }

    /** Returns once {@code GET /health} answers 200; fails if the process exits or takes over two minutes. */
    public void awaitHealthy(int port) throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " (its output is above)");
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new IOException(name + " was not healthy within " + START_TIMEOUT);
    }
}
