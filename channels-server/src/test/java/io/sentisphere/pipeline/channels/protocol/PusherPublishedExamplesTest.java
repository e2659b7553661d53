package io.sentisphere.pipeline.channels.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.channels.http.RequestSigning;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pusher's published worked examples (docs: "HTTP API reference → worked authentication example"
 * and "Authorizing users → worked examples"): key {@code 278d425bdf160c739803}, secret
 * {@code 7ad3773142a6692b25b8}.
 */
class PusherPublishedExamplesTest {

    private static final String KEY = "278d425bdf160c739803";
    private static final String SECRET = "7ad3773142a6692b25b8";
    private static final String BODY =
            "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}";

    @Test
    void httpApiExampleHasTheDocumentedBodyMd5AndSignature() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("body_md5", Hmac.md5Hex(BODY.getBytes(StandardCharsets.UTF_8)));
        query.put("auth_version", "1.0");
        query.put("auth_key", KEY);
        query.put("auth_timestamp", "1353088179");

        assertThat(query.get("body_md5")).isEqualTo("ec365a775a4cd0599faeb73354201b6f");
        assertThat(RequestSigning.stringToSign("POST", "/apps/3/events", query))
                .isEqualTo(
                        "POST\n/apps/3/events\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0"
                                + "&body_md5=ec365a775a4cd0599faeb73354201b6f");
        assertThat(Hmac.sha256Hex(SECRET, RequestSigning.stringToSign("POST", "/apps/3/events", query)))
                .isEqualTo("da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c");
    }

    @Test
    void httpApiExampleIsAcceptedAtItsTimeAndRefusedElevenMinutesLater() {
        Map<String, String> query = Map.of(
                "auth_key",
                KEY,
                "auth_timestamp",
                "1353088179",
                "auth_version",
                "1.0",
                "body_md5",
                "ec365a775a4cd0599faeb73354201b6f",
                "auth_signature",
                "da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c");
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(signingAt(1353088179).check("POST", "/apps/3/events", query, body))
                .isEmpty();
        assertThat(signingAt(1353088179 + 660).check("POST", "/apps/3/events", query, body))
                .hasValueSatisfying(error -> assertThat(error.codeName()).isEqualTo("stale_timestamp"));
        assertThat(signingAt(1353088179).check("POST", "/apps/3/events", query, "{}".getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(error -> assertThat(error.codeName()).isEqualTo("invalid_body_md5"));
        assertThat(signingAt(1353088179).check("POST", "/apps/4/events", query, body))
                .hasValueSatisfying(error -> assertThat(error.codeName()).isEqualTo("invalid_signature"));
    }

    @Test
    void privateChannelExample() {
        ChannelAuth auth = new ChannelAuth(KEY, SECRET);
        String expected = "278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4";

        assertThat(auth.expected("1234.1234", "private-foobar", null)).isEqualTo(expected);
        assertThat(auth.verify("1234.1234", "private-foobar", null, expected)).isTrue();
        assertThat(auth.verify("1234.1235", "private-foobar", null, expected)).isFalse();
        assertThat(auth.verify("1234.1234", "private-foobar", null, null)).isFalse();
    }

    @Test
    void presenceChannelExamples() {
        ChannelAuth auth = new ChannelAuth(KEY, SECRET);

        // Current docs ("Mr. Channels") and the older revision ("Mr. Pusher").
        assertThat(auth.expected(
                        "1234.1234", "presence-foobar", "{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Channels\"}}"))
                .isEqualTo(KEY + ":31935e7d86dba64c2a90aed31fdc61869f9b22ba9d8863bba239c03ca481bc80");
        assertThat(auth.expected(
                        "1234.1234", "presence-foobar", "{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Pusher\"}}"))
                .isEqualTo(KEY + ":afaed3695da2ffd16931f457e338e6c9f2921fa133ce7dac49f529792be6304c");
    }

    private static RequestSigning signingAt(long epochSecond) {
        return new RequestSigning(
                KEY, SECRET, Duration.ofSeconds(600), Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }
}
