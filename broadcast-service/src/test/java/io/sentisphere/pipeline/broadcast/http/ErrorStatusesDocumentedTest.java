package io.sentisphere.pipeline.broadcast.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.service.error.CommonErrors;
import io.sentisphere.pipeline.service.error.ErrorCode;
import io.sentisphere.pipeline.service.http.ErrorDocs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every broadcast-service error code answers exactly the status docs/openapi/broadcast-service.yaml gives it. */
class ErrorStatusesDocumentedTest {

    @Test
    void everyErrorCodeMapsToItsDocumentedStatus() {
        List<ErrorCode> codes = new ArrayList<>(List.of(DashboardErrors.Code.values()));
        codes.add(CommonErrors.MISSING_PARAMETER);

        assertThat(ErrorDocs.problems(codes, ErrorDocs.fromOpenApi(Path.of("../docs/openapi/broadcast-service.yaml"))))
                .isEmpty();
    }
}
