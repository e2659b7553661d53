package io.sentisphere.pipeline.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentisphere.pipeline.service.config.ConfigProblems;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void listsEveryProblemWithoutPrintingSecrets() {
        Map<String, String> env = Map.of(
                "SERVICES_WEBHOOK_SHARED_SECRET", "whsec_***not-base64***,local-webhook-secret",
                "INGEST_MAX_IN_FLIGHT", "0");

        assertThatThrownBy(() -> IngestConfig.load(env::get))
                .isInstanceOfSatisfying(
                        ConfigProblems.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "KAFKA_BOOTSTRAP_SERVERS is required",
                                        "SERVICES_WEBHOOK_SHARED_SECRET must not use the local default value in production",
                                        "INGEST_MAX_IN_FLIGHT must be between 1 and 100000 (was 0)",
                                        "SERVICES_WEBHOOK_SHARED_SECRET item 1 starts with whsec_ but is not valid base64"))
                .message()
                .doesNotContain("not-base64");
    }

    @Test
    void localProfileUsesTheContractDefaults() {
        IngestConfig config = IngestConfig.load(Map.of("PIPELINE_PROFILE", "local")::get);

        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.printable()).containsEntry("INGEST_PORT", "8081");
        assertThat(config.maxBodyBytes()).isEqualTo(65536);
        assertThat(config.kafkaDeadline()).hasSeconds(5);
        assertThat(config.secrets()).hasSize(1);
        assertThat(config.printable().toString()).doesNotContain("local-webhook-secret");
    }
}
