package io.sentisphere.pipeline.broadcast.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one mapping from {@link ApiProblem} to status and JSON body {@code {"error":code,"message":…}}:
 * 401 (with {@code WWW-Authenticate: Bearer}), 403, 400, 503 (with {@code Retry-After}).
 */
@RestControllerAdvice
public class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException e) {
        return of(e.problem());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missing(MissingServletRequestParameterException e) {
        return of(new ApiProblem.BadRequest("missing_parameter", e.getParameterName() + " is required"));
    }

    static ResponseEntity<Object> of(ApiProblem problem) {
        log.info("request refused: {} ({})", problem.code(), problem.message());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", problem.code());
        body.put("message", problem.message());
        ResponseEntity.BodyBuilder response;
        if (problem instanceof ApiProblem.Unauthenticated) {
            response = ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        } else if (problem instanceof ApiProblem.Forbidden) {
            response = ResponseEntity.status(HttpStatus.FORBIDDEN);
        } else if (problem instanceof ApiProblem.NotReady) {
            response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1");
        } else {
            response = ResponseEntity.badRequest();
        }
        return response.body(body);
    }
}
