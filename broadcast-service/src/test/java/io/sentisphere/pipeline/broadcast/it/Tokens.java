package io.sentisphere.pipeline.broadcast.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;

/** Dashboard bearer tokens, signed with nimbus-jose-jwt as a backend would. */
final class Tokens {

    /** At least 32 bytes, as production requires. */
    static final String SECRET = "it-jwt-secret-of-at-least-32-bytes!!";

    private Tokens() {}

    static String counselor() {
        return token(SECRET, "counselor");
    }

    static String token(String secret, String role) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256),
                    new JWTClaimsSet.Builder()
                            .subject("counselor-1")
                            .claim("role", role)
                            .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                            .build());
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
