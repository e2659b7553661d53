package io.sentisphere.pipeline.ingest.error;

/**
 * Carries an {@link IngestError} out of the domain code. Client errors are expected and frequent,
 * so no stack trace is captured.
 */
public final class IngestException extends RuntimeException {

    private final transient IngestError error;

    public IngestException(IngestError error) {
        super(error.code(), null, false, false);
        this.error = error;
    }

    public IngestError error() {
        return error;
    }
}
