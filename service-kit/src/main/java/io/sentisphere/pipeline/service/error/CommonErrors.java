package io.sentisphere.pipeline.service.error;

import java.util.Locale;

/** The codes every service shares: failures outside its own logic. */
public enum CommonErrors implements ErrorCode {
    NOT_FOUND(ErrorKind.NOT_FOUND),
    METHOD_NOT_ALLOWED(ErrorKind.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(ErrorKind.NOT_ACCEPTABLE),
    MISSING_PARAMETER(ErrorKind.INVALID_REQUEST),
    BAD_REQUEST(ErrorKind.INVALID_REQUEST),
    UNSUPPORTED_MEDIA_TYPE(ErrorKind.UNSUPPORTED_MEDIA_TYPE),
    INTERNAL_ERROR(ErrorKind.INTERNAL);

    private final ErrorKind kind;

    CommonErrors(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
