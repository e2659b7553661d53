package io.sentisphere.pipeline.broadcast.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.local.LocalStack;
import io.sentisphere.pipeline.service.config.ConfigDrift;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * broadcast-service's variables are declared once ({@link BroadcastConfig#SETTINGS}); its README table, the local
 * stack and docker-compose.yml must agree with that. Run with {@code -Dsettings.write=true} to
 * regenerate the README table after changing a declaration.
 */
class SettingsDocumentedTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeTheLocalStackAndDockerComposeAgreeWithTheDeclarations() {
        if (Boolean.getBoolean("settings.write")) {
            ConfigDrift.write(BroadcastConfig.SETTINGS, ROOT);
        }

        assertThat(ConfigDrift.problems(BroadcastConfig.SETTINGS, ROOT, LocalStack.environment("broadcast-service")))
                .isEmpty();
    }
}
