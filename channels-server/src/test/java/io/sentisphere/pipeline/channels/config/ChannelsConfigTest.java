package io.sentisphere.pipeline.channels.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentisphere.pipeline.service.config.ConfigProblems;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelsConfigTest {

    @Test
    void localDefaultsMatchTheContractAndTheSecretIsMasked() {
        ChannelsConfig config = ChannelsConfig.load(Map.of("PIPELINE_PROFILE", "local")::get);

        assertThat(config.appId()).isEqualTo("app-id");
        assertThat(config.appKey()).isEqualTo("app-key");
        assertThat(config.printable()).containsEntry("CHANNELS_PORT", "6001");
        assertThat(config.toString()).doesNotContain("app-secret");
    }

    @Test
    void productionRefusesMissingAndLocalValuesListingEveryProblem() {
        Map<String, String> env = Map.of(
                "PUSHER_APP_SECRET",
                "app-secret",
                "CHANNELS_MAX_CONNECTIONS",
                "0",
                "CHANNELS_SEND_BUFFER_BYTES",
                "lots");

        assertThatThrownBy(() -> ChannelsConfig.load(env::get))
                .isInstanceOf(ConfigProblems.class)
                .hasMessageContaining("PUSHER_APP_ID")
                .hasMessageContaining("PUSHER_APP_KEY")
                .hasMessageContaining("PUSHER_APP_SECRET must not use the local default")
                .hasMessageContaining("CHANNELS_MAX_CONNECTIONS")
                .hasMessageContaining("CHANNELS_SEND_BUFFER_BYTES");
    }
}
