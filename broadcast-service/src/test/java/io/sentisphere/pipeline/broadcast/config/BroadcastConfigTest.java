package io.sentisphere.pipeline.broadcast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.service.config.ConfigProblems;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BroadcastConfigTest {

    @Test
    void localDefaultsAreTheContractsAndSecretsArePrintedMasked() {
        BroadcastConfig config = BroadcastConfig.load(Map.of("PIPELINE_PROFILE", "local")::get);

        assertThat(config.target()).isEqualTo(new PusherTarget(null, "127.0.0.1", 6001, "http"));
        assertThat(config.baseChannel()).isEqualTo("private-cache-dashboard");
        assertThat(config.cacheChannels()).isTrue();
        assertThat(config.jwtRole()).isEqualTo("counselor");
        assertThat(config.conflation().toMillis()).isEqualTo(100);
        assertThat(config.printable().get("PUSHER_APP_SECRET")).doesNotContain("app-secret");
        assertThat(config.printable().get("DASHBOARD_JWT_SECRET")).doesNotContain("local-jwt-secret");
        assertThat(config.toString()).doesNotContain("app-secret").doesNotContain("local-jwt-secret");
    }

    @Test
    void productionListsEveryProblemAtOnce() {
        Map<String, String> env =
                Map.of("DASHBOARD_JWT_SECRET", "short", "PUSHER_SCHEME", "ftp", "BROADCAST_CHANNEL", "presence-x");

        assertThatThrownBy(() -> BroadcastConfig.load(env::get))
                .isInstanceOf(ConfigProblems.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
                .hasMessageContaining("PUSHER_APP_SECRET")
                .hasMessageContaining("at least 32 bytes")
                .hasMessageContaining("PUSHER_SCHEME")
                .hasMessageContaining("BROADCAST_CHANNEL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
    }

    @Test
    void aClusterMeansPusherItself() {
        BroadcastConfig config =
                BroadcastConfig.load(Map.of("PIPELINE_PROFILE", "local", "PUSHER_APP_CLUSTER", "ap1")::get);

        assertThat(config.target().isCluster()).isTrue();
        assertThat(config.target().describe()).isEqualTo("Pusher cluster ap1");
    }

    @Test
    void channelsAreTheBaseForThisWeekAndBaseDotRangeForEachRange() {
        BroadcastConfig config = BroadcastConfig.load(Map.of("PIPELINE_PROFILE", "local")::get);

        assertThat(config.channelsFor(StatsRange.THIS_WEEK))
                .containsExactly("private-cache-dashboard", "private-cache-dashboard.this_week");
        assertThat(config.channelsFor(StatsRange.LAST_30_DAYS)).containsExactly("private-cache-dashboard.last_30_days");
        assertThat(config.isOurChannel("private-cache-dashboard.today")).isTrue();
        assertThat(config.isOurChannel("private-cache-dashboard.last_30d")).isFalse();
        assertThat(config.isOurChannel("private-cache-dashboardx")).isFalse();
        assertThat(config.isOurChannel("private-dashboard")).isFalse();
    }

    @Test
    void everyChannelMapsBackToTheRangeItCarries() {
        BroadcastConfig config = BroadcastConfig.load(Map.of("PIPELINE_PROFILE", "local")::get);

        for (StatsRange range : StatsRange.values()) {
            assertThat(config.channelsFor(range))
                    .allSatisfy(channel -> assertThat(config.rangeOf(channel)).contains(range));
        }
        assertThat(config.rangeOf("private-cache-dashboard.last_30d")).isEmpty();
    }

    @Test
    void theLegacyChannelNamesStayConfigurable() {
        BroadcastConfig config = BroadcastConfig.load(
                Map.of("PIPELINE_PROFILE", "local", "BROADCAST_CHANNEL", "private-dashboard")::get);

        assertThat(config.channelsFor(StatsRange.TODAY)).containsExactly("private-dashboard.today");
        assertThat(config.cacheChannels()).isFalse();
        assertThat(BroadcastConfig.load(Map.of("PIPELINE_PROFILE", "local", "BROADCAST_CHANNEL", "cache-dash")::get)
                        .cacheChannels())
                .isTrue();
    }
}
