package io.sentisphere.pipeline.broadcast.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the dashboard's bearer tokens: JWT (nimbus-jose-jwt parses and validates the claims),
 * {@code alg} exactly HS256, signed with {@code DASHBOARD_JWT_SECRET}, {@code exp}/{@code nbf}
 * honoured (60 s skew) when present, and the required role in {@code role} (a string) or
 * {@code roles} (a list).
 *
 * <p>The HMAC is computed with the JCA rather than nimbus' {@code MACVerifier} because the latter
 * refuses secrets under 256 bits, and the contract's local default ({@code local-jwt-secret}) is
 * shorter; production configuration requires at least 32 bytes instead. The comparison is
 * constant-time. Reasons returned never contain the token.
 */
public final class JwtVerifier {

    private final byte[] secret;
    private final String role;
    private final Clock clock;

    public JwtVerifier(byte[] secret, String role, Clock clock) {
        this.secret = secret.clone();
        this.role = role;
        this.clock = clock;
    }

    /** Checks an {@code Authorization} header value. */
    public Verdict check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Verdict.Unauthenticated("missing bearer token");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).trim());
        } catch (ParseException e) {
            return new Verdict.Unauthenticated("malformed token");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return new Verdict.Unauthenticated("token algorithm must be HS256");
        }
        JWTClaimsSet claims;
        try {
            if (!jwt.verify(new Hs256Verifier())) {
                return new Verdict.Unauthenticated("bad token signature");
            }
            claims = jwt.getJWTClaimsSet();
            DefaultJWTClaimsVerifier<?> verifier = new DefaultJWTClaimsVerifier<>(null, null) {
                @Override
                protected Date currentTime() {
                    return Date.from(clock.instant());
                }
            };
            verifier.setMaxClockSkew(60);
            verifier.verify(claims, null);
        } catch (BadJWTException e) {
            return new Verdict.Unauthenticated("token " + e.getMessage().toLowerCase(java.util.Locale.ROOT));
        } catch (JOSEException | ParseException e) {
            return new Verdict.Unauthenticated("unverifiable token");
        }
        if (!hasRole(claims)) {
            return new Verdict.Forbidden("token lacks role " + role);
        }
        return new Verdict.Allowed(claims.getSubject());
    }

    private boolean hasRole(JWTClaimsSet claims) {
        Object single = claims.getClaim("role");
        if (role.equals(single)) {
            return true;
        }
        Object many = claims.getClaim("roles");
        return many instanceof List<?> list && list.contains(role);
    }

    /** HS256 over the signing input with any key length; constant-time comparison. */
    private final class Hs256Verifier implements JWSVerifier {
        private final JCAContext context = new JCAContext();

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return MessageDigest.isEqual(mac.doFinal(signingInput), signature.decode());
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new JOSEException("HmacSHA256 unavailable", e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.HS256);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
