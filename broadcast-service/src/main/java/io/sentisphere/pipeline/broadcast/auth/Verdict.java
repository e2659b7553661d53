package io.sentisphere.pipeline.broadcast.auth;

/** The outcome of checking a bearer token: allowed (with its subject), unauthenticated, or forbidden. */
public sealed interface Verdict {

    record Allowed(String subject) implements Verdict {}

    /** No token, malformed, wrong signature or algorithm, expired, not yet valid: 401. */
    record Unauthenticated(String reason) implements Verdict {}

    /** A valid token without the required role: 403. */
    record Forbidden(String reason) implements Verdict {}
}
