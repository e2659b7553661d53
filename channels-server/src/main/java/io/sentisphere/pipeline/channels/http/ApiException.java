package io.sentisphere.pipeline.channels.http;

/** Carries an {@link ApiError} out of request handling to {@link ApiErrors}. */
final class ApiException extends RuntimeException {

    private final ApiError error;

    ApiException(ApiError error) {
        super(error.code(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
