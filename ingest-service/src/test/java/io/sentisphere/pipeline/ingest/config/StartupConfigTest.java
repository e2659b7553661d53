package io.sentisphere.pipeline.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentisphere.pipeline.ingest.IngestApplication;
import io.sentisphere.pipeline.service.config.ConfigProblems;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class StartupConfigTest {

    @Test
    void refusesToStartListingEveryProblemAndNoSecret() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(IngestApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "PIPELINE_PROFILE=production",
                        "SERVICES_WEBHOOK_SHARED_SECRET=local-webhook-secret",
                        "INGEST_KAFKA_DEADLINE_MS=10");

        assertThatThrownBy(app::run)
                .rootCause()
                .asInstanceOf(InstanceOfAssertFactories.type(ConfigProblems.class))
                .satisfies(e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "KAFKA_BOOTSTRAP_SERVERS is required",
                                "SERVICES_WEBHOOK_SHARED_SECRET must not use the local default value in production",
                                "INGEST_KAFKA_DEADLINE_MS must be between 500 and 120000 (was 10)"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("local-webhook-secret"));
    }
}
