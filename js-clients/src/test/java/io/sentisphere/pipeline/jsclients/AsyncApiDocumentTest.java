package io.sentisphere.pipeline.jsclients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/asyncapi.yaml} parses with the AsyncAPI project's own parser ({@code @asyncapi/parser}
 * from npm, installed by this module's build), its schema references resolved, with no error, and
 * documents every contract topic and the Pusher event.
 */
class AsyncApiDocumentTest {

    @Test
    void theAsyncApiDocumentIsValidAndCoversTheTopicsAndTheDashboardEvent() throws IOException, InterruptedException {
        Process node = new ProcessBuilder(
                        "node",
                        "probe/asyncapi-check.mjs",
                        Path.of("../docs/asyncapi.yaml").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(node.exitValue()).as(output).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(last);
        assertThat(result.path("errors")).as(output).isEmpty();
        assertThat(result.path("channels").toString())
                .contains(
                        "dashboard.events.v1",
                        "dashboard.stats.v1",
                        "dashboard.events.dlq.v1",
                        "private-cache-dashboard",
                        "private-cache-dashboard.{range}");
        assertThat(result.path("messages").toString())
                .contains("Event", "StatsUpdate", "DeadLetter", "DashboardUpdated");
    }
}
