package io.sentisphere.pipeline.service.http;

import io.sentisphere.pipeline.service.error.CommonErrors;
import io.sentisphere.pipeline.service.error.ServiceError;
import io.sentisphere.pipeline.service.error.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every HTTP service's exception handling, through {@link ErrorResponses}: a {@link ServiceException}
 * as its error says, the framework's own refusals (unknown path, wrong method, unacceptable type,
 * missing parameter) with the {@link CommonErrors} codes, and anything else as a logged
 * {@code 500 internal_error} (a bug). Register it as a bean in each service.
 */
@RestControllerAdvice
public class ServiceErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ServiceErrorAdvice.class);

    @ExceptionHandler(ServiceException.class)
    ResponseEntity<Object> refused(ServiceException e) {
        ServiceError error = e.error();
        // The code and message only: never request values (student data, tokens, signatures).
        log.info(
                "request refused: {}{}", error.codeName(), error.message() == null ? "" : " (" + error.message() + ")");
        return ErrorResponses.of(error);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> notFound() {
        return ErrorResponses.of(ServiceError.of(CommonErrors.NOT_FOUND));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> methodNotAllowed() {
        return ErrorResponses.of(ServiceError.of(CommonErrors.METHOD_NOT_ALLOWED));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable() {
        return ErrorResponses.of(ServiceError.of(CommonErrors.NOT_ACCEPTABLE));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return refused(new ServiceException(CommonErrors.MISSING_PARAMETER, e.getParameterName() + " is required"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        // The framework's own client errors (unreadable body, wrong content type, …) keep their status.
        if (e instanceof ErrorResponse framework) {
            int status = framework.getStatusCode().value();
            if (status == 400) {
                return ErrorResponses.of(ServiceError.of(CommonErrors.BAD_REQUEST));
            }
            if (status == 415) {
                return ErrorResponses.of(ServiceError.of(CommonErrors.UNSUPPORTED_MEDIA_TYPE));
            }
        }
        log.error("unexpected failure", e);
        return ErrorResponses.of(ServiceError.of(CommonErrors.INTERNAL_ERROR));
    }
}
