package io.sentisphere.pipeline.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReaderTest {

    @Test
    void listsEveryProblemAtOnce() {
        EnvReader env = new EnvReader("ingest-service", Map.of("PORT", "abc", "MAX", "0")::get);

        env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        env.secret("SECRET", "local-secret");
        env.integer("PORT", 8081, 1, 65535);
        env.integer("MAX", 10, 1, 100);

        assertThatThrownBy(env::finish)
                .isInstanceOfSatisfying(
                        ConfigProblems.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "KAFKA_BOOTSTRAP_SERVERS is required",
                                        "SECRET is required in production",
                                        "PORT must be an integer (was 'abc')",
                                        "MAX must be between 1 and 100 (was 0)"));
    }

    @Test
    void productionRefusesTheLocalDefaultSecretEvenAmongRotatedOnes() {
        EnvReader env = new EnvReader("ingest-service", Map.of("SECRET", "a-real-secret,local-secret")::get);

        env.secret("SECRET", "local-secret");

        assertThatThrownBy(env::finish).hasMessageContaining("SECRET must not use the local default value");
    }

    @Test
    void localProfileFillsDefaultsAndMasksSecrets() {
        EnvReader env = new EnvReader("ingest-service", Map.of("PIPELINE_PROFILE", "local")::get);

        String secret = env.secret("SECRET", "local-secret");
        env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");

        assertThat(secret).isEqualTo("local-secret");
        assertThat(env.finish())
                .containsEntry("SECRET", "****(12 chars)")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("PIPELINE_PROFILE", "local")
                .doesNotContainValue("local-secret");
    }

    @Test
    void rejectsAnUnknownProfile() {
        EnvReader env = new EnvReader("x", Map.of("PIPELINE_PROFILE", "staging")::get);

        assertThatThrownBy(env::finish).hasMessageContaining("PIPELINE_PROFILE must be 'local' or 'production'");
    }
}
