package io.sentisphere.pipeline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop saturation with {@code wrk} (Debian package), a C load generator cheap enough not to
 * steal the server's CPU. Each request is one of many pre-signed, distinct bodies, cycled by a Lua
 * script, so ids repeat only after the whole set was sent.
 */
final class Wrk {

    record Result(double requestsPerSecond, long non2xx, String latency) {}

    private final Path script;

    private Wrk(Path script) {
        this.script = script;
    }

    /** Writes {@code count} signed requests for {@code path} and the Lua script that cycles them. */
    static Wrk prepare(Path dir, String name, String path, int count, Supplier<SignedEvents.Signed> bodies)
            throws IOException {
        Path requests = dir.resolve(name + ".tsv");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SignedEvents.Signed signed = bodies.get();
            lines.add(signed.signature() + "\t" + new String(signed.body(), StandardCharsets.UTF_8));
        }
        Files.write(requests, lines, StandardCharsets.UTF_8);
        Path script = dir.resolve(name + ".lua");
        Files.writeString(script, """
                local requests = {}
                local i = 0
                init = function(args)
                  for line in io.lines("%s") do
                    local sig, body = line:match("([^\\t]+)\\t(.*)")
                    requests[#requests + 1] = wrk.format("POST", "%s",
                      {["Content-Type"] = "application/json", ["X-Webhook-Signature"] = sig}, body)
                  end
                  i = math.random(#requests)
                end
                -- Paced runs: each connection waits WRK_DELAY_MS after every response.
                local pace = tonumber(os.getenv("WRK_DELAY_MS"))
                if pace then
                  delay = function() return pace end
                end
                request = function()
                  i = i %% #requests + 1
                  return requests[i]
                end
                """.formatted(requests.toAbsolutePath(), path));
        return new Wrk(script);
    }

    /** Closed loop: every connection sends its next request as soon as the previous one is answered. */
    Result run(String baseUrl, int connections, Duration duration) throws IOException, InterruptedException {
        return run(baseUrl, connections, duration, 0);
    }

    /**
     * Paced: every connection waits {@code delayMillis} after each response, so the offered rate is
     * about {@code connections / (delay + latency)}. wrk measures latency from when a request is
     * written; a server stall delays the following requests (coordinated omission), so keep the
     * delay well above the latency and report the achieved rate.
     */
    Result run(String baseUrl, int connections, Duration duration, int delayMillis)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "wrk",
                        "-t1",
                        "-c" + connections,
                        "-d" + duration.toSeconds() + "s",
                        "--latency",
                        "-s",
                        script.toString(),
                        baseUrl)
                .redirectErrorStream(true);
        if (delayMillis > 0) {
            builder.environment().put("WRK_DELAY_MS", String.valueOf(delayMillis));
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("wrk failed:\n" + out);
        }
        Matcher rps = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        Matcher p50 = Pattern.compile("^\\s+50%\\s+(\\S+)", Pattern.MULTILINE).matcher(out);
        Matcher p90 = Pattern.compile("^\\s+90%\\s+(\\S+)", Pattern.MULTILINE).matcher(out);
        Matcher p99 = Pattern.compile("^\\s+99%\\s+(\\S+)", Pattern.MULTILINE).matcher(out);
        if (!rps.find()) {
            throw new IOException("unexpected wrk output:\n" + out);
        }
        String latency = (p50.find() ? p50.group(1) : "?") + " / " + (p90.find() ? p90.group(1) : "?") + " / "
                + (p99.find() ? p99.group(1) : "?");
        return new Result(
                Double.parseDouble(rps.group(1)), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, latency);
    }
}
