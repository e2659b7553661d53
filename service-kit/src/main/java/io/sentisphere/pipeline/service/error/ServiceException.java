package io.sentisphere.pipeline.service.error;

/**
 * Carries a {@link ServiceError} out of the code that found it to the service's HTTP edge. Refusals
 * are expected and frequent, so no stack trace is captured.
 */
public final class ServiceException extends RuntimeException {

    private final transient ServiceError error;

    public ServiceException(ServiceError error) {
        super(error.codeName(), null, false, false);
        this.error = error;
    }

    public ServiceException(ErrorCode code, String message) {
        this(ServiceError.of(code, message));
    }

    public ServiceError error() {
        return error;
    }
}
