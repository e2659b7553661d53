package io.sentisphere.pipeline.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A counselor JWT (HS256) for the local stack's demo page, signed with the local default secret as
 * the FastAPI backend would sign it. The local secret is shorter than RFC 7518 asks of HS256 keys,
 * which JWT libraries refuse to sign with; the header, claims and HMAC are therefore assembled
 * directly. Never used outside the local stack and the tests and benches that run it.
 */
public final class LocalToken {

    private LocalToken() {}

    /** A counselor token valid for 30 days, signed with {@code secret}. */
    public static String counselor(String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long exp = Instant.now().plusSeconds(30L * 24 * 3600).getEpochSecond();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"local-counselor\",\"role\":\"counselor\",\"exp\":" + exp + "}")
                        .getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
