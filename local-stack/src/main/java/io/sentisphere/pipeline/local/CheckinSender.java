package io.sentisphere.pipeline.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed check-ins at a steady rate, spread over the ingest instances as a load balancer would, and
 * retried as the FastAPI backend's sender does: on a refused connection, a timeout or a 5xx, the
 * same event (same {@code id}) goes to the next instance after a short back-off, until one
 * acknowledges it. Records the ids acknowledged with a 2xx.
 */
public final class CheckinSender implements AutoCloseable {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

    private final List<ReplicatedPipeline.Instance> ingest;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newFixedThreadPool(64);
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Wall-clock milliseconds of every acknowledgement, in the order they came. */
    private final java.util.Queue<Long> acknowledgedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<String> refused =
            new java.util.concurrent.atomic.AtomicReference<>();

    private CheckinSender(List<ReplicatedPipeline.Instance> ingest) {
        this.ingest = ingest;
    }

    /** Starts sending {@code perSecond} check-ins a second, signed with {@link ReplicatedPipeline#WEBHOOK_SECRET}. */
    public static CheckinSender start(List<ReplicatedPipeline.Instance> ingest, int perSecond) {
        CheckinSender sender = new CheckinSender(ingest);
        sender.clock.scheduleAtFixedRate(
                () -> sender.senders.execute(sender::sendOne), 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return sender;
    }

    /**
     * Warms a freshly started pipeline up before faults are timed: sends {@code count} check-ins at
     * {@code perSecond} a second and returns once every one is acknowledged. Ten JVMs started
     * together on a small machine compile their hot paths for minutes at a steady 50 check-ins a
     * second (measured on 2 cores: the JIT's threads took 0.8 of a core before the first fault of
     * {@code HighAvailabilityIT}), and a failover on that saturated machine times the compilers, not
     * the failover. A deployment's instances have long been warm when one dies. The standby
     * stats-stream stays cold where it is cold in production: it does not process until it takes
     * over.
     *
     * @throws IllegalStateException when they are not all acknowledged within {@code within}, or
     *     ingest refused one
     */
    public static void warmUp(List<ReplicatedPipeline.Instance> ingest, int count, int perSecond, Duration within)
            throws InterruptedException {
        try (CheckinSender sender = start(ingest, perSecond)) {
            sender.awaitAcknowledged(count, within);
            sender.stop();
        }
    }

    /**
     * Returns once {@code count} check-ins in all have been acknowledged.
     *
     * @throws IllegalStateException when fewer were within {@code within}, or ingest refused one
     */
    public void awaitAcknowledged(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (acknowledgedCount() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        acknowledgedCount() + " of " + count + " check-ins acknowledged within " + within);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private void sendOne() {
        int n = next.getAndIncrement();
        String id = UUID.randomUUID().toString();
        byte[] body = """
                {"id": "%s", "type": "checkin.created", "occurred_at": "%s", "data": {"checkin_id": %d, \
                "user_id": %d, "mood_level": "Okay", "energy_level": "Moderate", "stress_level": "Low Stress"}}""".formatted(
                        id,
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.ofHours(8))),
                        n,
                        n % 500)
                .getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            ReplicatedPipeline.Instance target = ingest.get((n + attempt) % ingest.size());
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(target.url("/api/events")))
                                .timeout(Duration.ofSeconds(15))
                                .header("Content-Type", "application/json")
                                .header("X-Webhook-Signature", sign(body))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    acknowledged.add(id);
                    acknowledgedAt.add(System.currentTimeMillis());
                    return;
                }
                if (response.statusCode() / 100 == 4) {
                    refused.compareAndSet(null, "ingest refused a valid check-in: HTTP " + response.statusCode());
                    return;
                }
            } catch (java.io.IOException e) {
                // refused, reset or timed out: the next instance gets the same event
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            retries.incrementAndGet();
            try {
                TimeUnit.MILLISECONDS.sleep(Math.min(2_000, 100L << Math.min(attempt, 5))); // client back-off
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        abandoned.incrementAndGet();
    }

    private static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(
                    ReplicatedPipeline.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops sending new check-ins and waits for those in progress to be acknowledged or abandoned. */
    public void stop() throws InterruptedException {
        clock.shutdownNow();
        senders.shutdown();
        if (!senders.awaitTermination(GIVE_UP_AFTER.toSeconds() + 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("check-ins still in progress after " + GIVE_UP_AFTER);
        }
    }

    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** How many were acknowledged so far. @throws IllegalStateException once ingest refused one (4xx) */
    public int acknowledgedCount() {
        if (refused.get() != null) {
            throw new IllegalStateException(refused.get());
        }
        return acknowledged.size();
    }

    /** When each acknowledgement came (epoch milliseconds), in order. */
    public List<Long> acknowledgedAt() {
        return List.copyOf(acknowledgedAt);
    }

    public long retries() {
        return retries.get();
    }

    public long abandoned() {
        return abandoned.get();
    }

    @Override
    public void close() {
        clock.shutdownNow();
        senders.shutdownNow();
    }
}
