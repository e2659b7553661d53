package io.sentisphere.pipeline.ingest.http;

import io.sentisphere.pipeline.ingest.error.IngestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * JSON bodies for what fails before or outside the ingest code: unknown paths, wrong methods, and
 * (a bug, logged with its stack) anything unexpected.
 */
@RestControllerAdvice
public class FallbackErrors {

    private static final Logger log = LoggerFactory.getLogger(FallbackErrors.class);

    @ExceptionHandler(IngestException.class)
    ResponseEntity<Object> ingest(IngestException e) {
        return ErrorResponses.of(e.error());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> notFound() {
        return ErrorResponses.generic(HttpStatus.NOT_FOUND, "not_found");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> methodNotAllowed() {
        return ErrorResponses.generic(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable() {
        return ErrorResponses.generic(HttpStatus.NOT_ACCEPTABLE, "not_acceptable");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ErrorResponses.generic(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error");
    }
}
