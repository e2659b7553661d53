package io.sentisphere.pipeline.ingest.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.service.error.CommonErrors;
import io.sentisphere.pipeline.service.error.ErrorCode;
import io.sentisphere.pipeline.service.http.ErrorDocs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every ingest error code answers exactly the status docs/openapi/ingest-service.yaml gives it. */
class ErrorStatusesDocumentedTest {

    @Test
    void everyErrorCodeMapsToItsDocumentedStatus() {
        List<ErrorCode> codes = new ArrayList<>(List.of(IngestErrors.Code.values()));
        codes.addAll(List.of(CommonErrors.NOT_FOUND, CommonErrors.METHOD_NOT_ALLOWED));

        assertThat(ErrorDocs.problems(codes, ErrorDocs.fromOpenApi(Path.of("../docs/openapi/ingest-service.yaml"))))
                .isEmpty();
    }
}
