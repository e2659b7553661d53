package io.sentisphere.pipeline.service.error;

/**
 * What kind of failure a {@link ServiceError} is, free of HTTP: each service's error codes name
 * their kind, and {@link io.sentisphere.pipeline.service.http.ErrorResponses} maps kinds to
 * statuses, in one exhaustive switch.
 */
public enum ErrorKind {
    /** The request is malformed or breaks the contract; sending it again cannot pass (400). */
    INVALID_REQUEST,
    /** No or bad credentials (401). */
    UNAUTHENTICATED,
    /** Credentials that do not allow this, or a signature that does not verify (403). */
    FORBIDDEN,
    /** Nothing there (404). */
    NOT_FOUND,
    /** The path exists, not with this method (405). */
    METHOD_NOT_ALLOWED,
    /** The client accepts no representation the service has (406). */
    NOT_ACCEPTABLE,
    /** The body is over a limit (413). */
    TOO_LARGE,
    /** The body is not of a type the service reads (415). */
    UNSUPPORTED_MEDIA_TYPE,
    /** The service cannot do it now; the same request may pass later (503, with Retry-After). */
    UNAVAILABLE,
    /** A bug: nothing the client did (500). */
    INTERNAL
}
