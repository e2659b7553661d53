package io.sentisphere.pipeline.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Realistic, unique {@code checkin.created} bodies, signed as the FastAPI backend signs them. */
final class SignedEvents {

    record Signed(byte[] body, String signature) {}

    private static final String[] MOODS = {
        "Awesome", "Great", "Loved", "Okay", "Meh", "Anxious", "Bad", "Terrible", "Upset"
    };
    private static final String[] ENERGY = {"Low", "Moderate", "High"};
    private static final String[] STRESS = {"No Stress", "Low Stress", "Moderate", "High Stress", "Very High Stress"};
    private static final String[] FEEL = {"\"Yes\"", "\"No\"", "\"Same\"", "null"};

    private final AtomicLong sequence = new AtomicLong();
    private final byte[] key;

    SignedEvents(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** One check-in as the backend posts it, comment included (ingest drops it). */
    String checkin() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = sequence.incrementAndGet();
        return """
                {"id": "bench-%d-%d", "type": "checkin.created", "occurred_at": "%s", "data": {"checkin_id": %d, \
                "user_id": %d, "mood_level": "%s", "energy_level": "%s", "stress_level": "%s", "feel_better": %s, \
                "comment": "had a long day but talked to my roommate and feel a bit better now"}}""".formatted(
                        ProcessHandle.current().pid(),
                        n,
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0)),
                        n,
                        random.nextInt(1, 5000),
                        MOODS[random.nextInt(MOODS.length)],
                        ENERGY[random.nextInt(ENERGY.length)],
                        STRESS[random.nextInt(STRESS.length)],
                        FEEL[random.nextInt(FEEL.length)]);
    }

    Signed single() {
        return sign(checkin());
    }

    Signed batch(int size) {
        StringJoiner joiner = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < size; i++) {
            joiner.add(checkin());
        }
        return sign(joiner.toString());
    }

    /** Signs any JSON body as the backend does (legacy hex HMAC-SHA256 over the exact bytes). */
    Signed sign(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return new Signed(body, HexFormat.of().formatHex(mac.doFinal(body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
