package io.sentisphere.pipeline.service.error;

/**
 * One machine-readable error code of a service (the body's {@code error}, the metrics' reason) and
 * its {@link ErrorKind}. Each service lists all of its codes in one enum implementing this, so a
 * test can walk them and compare each status with the documented one.
 */
public interface ErrorCode {

    /** The code as sent, e.g. {@code invalid_signature}. */
    String code();

    ErrorKind kind();
}
