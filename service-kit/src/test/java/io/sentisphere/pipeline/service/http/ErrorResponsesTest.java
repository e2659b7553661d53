package io.sentisphere.pipeline.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.service.error.CommonErrors;
import io.sentisphere.pipeline.service.error.ErrorKind;
import io.sentisphere.pipeline.service.error.ServiceError;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** The one error → HTTP mapping: statuses by kind, body shape and order, headers. */
@SuppressWarnings("unchecked")
class ErrorResponsesTest {

    @Test
    void everyKindHasAStatusAndOnlyInternalAndUnavailableAre5xx() {
        assertThat(Arrays.stream(ErrorKind.values())
                        .filter(k -> ErrorResponses.status(k).is5xxServerError()))
                .containsExactlyInAnyOrder(ErrorKind.INTERNAL, ErrorKind.UNAVAILABLE);
        assertThat(ErrorResponses.status(ErrorKind.TOO_LARGE).value()).isEqualTo(413);
    }

    @Test
    void theBodyCarriesCodeMessageAndDetailsInOrderAndTheHeadersAreSet() {
        ServiceError error = ServiceError.of(CommonErrors.MISSING_PARAMETER, "range is required")
                .withDetail("b", 2)
                .withDetail("a", 1)
                .withHeader("WWW-Authenticate", "Bearer")
                .retryAfter(Duration.ofMillis(200));

        ResponseEntity<Object> response = ErrorResponses.of(error);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(((Map<String, Object>) response.getBody()).keySet()).containsExactly("error", "message", "b", "a");
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void noMessageMeansNoMessageField() {
        Object body = ErrorResponses.of(ServiceError.of(CommonErrors.NOT_FOUND)).getBody();
        assertThat(body).isEqualTo(Map.of("error", "not_found"));
    }
}
