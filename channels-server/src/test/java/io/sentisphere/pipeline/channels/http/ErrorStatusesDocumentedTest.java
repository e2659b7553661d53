package io.sentisphere.pipeline.channels.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.service.http.ErrorDocs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every HTTP API error code answers exactly the status channels-server's README table gives it. */
class ErrorStatusesDocumentedTest {

    @Test
    void everyErrorCodeMapsToItsDocumentedStatus() {
        assertThat(ErrorDocs.problems(List.of(ApiErrors.Code.values()), ErrorDocs.fromMarkdown(Path.of("README.md"))))
                .isEmpty();
    }
}
