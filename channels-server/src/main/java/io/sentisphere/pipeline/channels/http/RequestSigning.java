package io.sentisphere.pipeline.channels.http;

import io.sentisphere.pipeline.channels.protocol.Hmac;
import io.sentisphere.pipeline.service.error.ServiceError;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Pusher's HTTP API request signing: {@code auth_signature = HMAC-SHA256(secret,
 * METHOD\nPATH\nsorted_query)}, where {@code sorted_query} is every query parameter but
 * {@code auth_signature}, keys lower-cased, sorted, joined as {@code k=v&…} with decoded values;
 * {@code body_md5} is the MD5 of the raw body (required when there is one) and
 * {@code auth_timestamp} must be within the tolerance of this server's clock.
 */
public final class RequestSigning {

    private final String key;
    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    public RequestSigning(String key, String secret, Duration tolerance, Clock clock) {
        this.key = key;
        this.secret = secret;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** The refusal for this request, or empty when it is correctly signed. */
    public Optional<ServiceError> check(String method, String path, Map<String, String> query, byte[] body) {
        if (!key.equals(query.get("auth_key"))) {
            return Optional.of(ApiErrors.error(ApiErrors.Code.INVALID_KEY, "Unknown auth_key"));
        }
        if (!"1.0".equals(query.get("auth_version"))) {
            return Optional.of(ApiErrors.error(ApiErrors.Code.INVALID_VERSION, "auth_version must be 1.0"));
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(query.getOrDefault("auth_timestamp", ""));
        } catch (NumberFormatException e) {
            return Optional.of(
                    ApiErrors.error(ApiErrors.Code.INVALID_TIMESTAMP, "auth_timestamp must be Unix seconds"));
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > tolerance.toSeconds()) {
            return Optional.of(ApiErrors.error(
                    ApiErrors.Code.STALE_TIMESTAMP,
                    "auth_timestamp is " + skew + " s away from server time; allowed " + tolerance.toSeconds() + " s"));
        }
        boolean hasBody = body != null && body.length > 0;
        String md5 = query.get("body_md5");
        if ((hasBody || md5 != null) && !Hmac.equalsConstantTime(Hmac.md5Hex(hasBody ? body : new byte[0]), md5)) {
            return Optional.of(ApiErrors.error(ApiErrors.Code.INVALID_BODY_MD5, "body_md5 does not match the body"));
        }
        String expected = Hmac.sha256Hex(secret, stringToSign(method, path, query));
        if (!Hmac.equalsConstantTime(expected, query.get("auth_signature"))) {
            return Optional.of(ApiErrors.error(ApiErrors.Code.INVALID_SIGNATURE, "auth_signature does not match"));
        }
        return Optional.empty();
    }

    /** {@code METHOD\nPATH\nk=v&…}: what the client signed. */
    public static String stringToSign(String method, String path, Map<String, String> query) {
        Map<String, String> sorted = new TreeMap<>();
        query.forEach((k, v) -> {
            if (!"auth_signature".equals(k)) {
                sorted.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        String params = sorted.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return method.toUpperCase(Locale.ROOT) + "\n" + path + "\n" + params;
    }
}
