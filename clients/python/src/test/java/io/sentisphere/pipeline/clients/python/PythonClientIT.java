package io.sentisphere.pipeline.clients.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.schema.ContractSchemas;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import io.sentisphere.pipeline.testkit.RestartableKafka;
import io.sentisphere.pipeline.testkit.TopicView;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Python client against the real thing. Given a KRaft broker the tests may stop and start,
 * ingest-service's and stats-stream's packaged jars as processes, and a {@link ControlEndpoint} on
 * loopback through which the Python tests stop/start that broker and read the topics; when
 * {@code python3 -m unittest} runs {@code clients/python/tests}; then every test passed, none was
 * skipped (the integration tests skip themselves only when these settings are absent), and every
 * record the client caused is valid against the contract's schemas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonClientIT {

    /** Two keys, as a rotation would have them: a plain one and a Standard Webhooks {@code whsec_} one. */
    static final String PLAIN_SECRET = "python-client-it-secret";

    static final String WHSEC_SECRET = "whsec_"
            + Base64.getEncoder().encodeToString("python-client-it-key-bytes".getBytes(StandardCharsets.UTF_8));
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path CLIENT_DIR = ROOT.resolve("clients/python");
    static final long SUITE_TIMEOUT_MINUTES = 10;

    RestartableKafka kafka;
    ServiceProcess stats;
    ServiceProcess ingest;
    ControlEndpoint control;
    int ingestPort;

    @BeforeAll
    void startBrokerAndServices() throws Exception {
        kafka = RestartableKafka.start(Files.createTempDirectory("python-client-kafka"));
        Map<String, String> env = Map.of(
                "PIPELINE_PROFILE",
                "local",
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "SERVICES_WEBHOOK_SHARED_SECRET",
                PLAIN_SECRET + "," + WHSEC_SECRET,
                "STATS_STATE_DIR",
                Files.createTempDirectory("python-client-stats").toString());
        int statsPort = Ports.free();
        stats = ServiceProcess.start(
                "stats-stream", jar("stats-stream"), statsPort, with(env, "STATS_PORT", String.valueOf(statsPort)));
        ingestPort = Ports.free();
        ingest = ServiceProcess.start(
                "ingest-service",
                jar("ingest-service"),
                ingestPort,
                with(env, "INGEST_PORT", String.valueOf(ingestPort)));
        control = ControlEndpoint.start(kafka);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (control != null) {
            control.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (stats != null) {
            stats.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void thePythonSuitePassesAgainstTheRealIngestServiceAndBroker() throws Exception {
        // when
        ProcessBuilder python = new ProcessBuilder(
                        "python3", "-m", "unittest", "discover", "-v", "-s", "tests", "-t", ".")
                .directory(CLIENT_DIR.toFile())
                .redirectErrorStream(true);
        python.environment()
                .putAll(Map.of(
                        "SENTISPHERE_TEST_INGEST_URL",
                        "http://127.0.0.1:" + ingestPort,
                        "SENTISPHERE_TEST_SECRET",
                        PLAIN_SECRET,
                        "SENTISPHERE_TEST_WHSEC_SECRET",
                        WHSEC_SECRET,
                        "SENTISPHERE_TEST_CONTROL_URL",
                        control.url(),
                        "PYTHONDONTWRITEBYTECODE",
                        "1"));
        Process process = python.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                System.out.println("[python] " + line);
                output.add(line);
            }
        }
        boolean exited = process.waitFor(SUITE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }

        // then
        String log = String.join("\n", output);
        assertThat(exited)
                .as("python suite finished within %d minutes", SUITE_TIMEOUT_MINUTES)
                .isTrue();
        assertThat(process.exitValue())
                .as("python3 -m unittest exit status; output:\n%s", log)
                .isZero();
        Matcher ran = Pattern.compile("^Ran (\\d+) tests?", Pattern.MULTILINE).matcher(log);
        assertThat(ran.find()).as("unittest summary in:\n%s", log).isTrue();
        assertThat(Integer.parseInt(ran.group(1))).isGreaterThanOrEqualTo(35);
        assertThat(log).contains("\nOK").doesNotContain("skipped");
        assertThat(log)
                .containsPattern(
                        "test_while_kafka_is_stopped_the_client_retries_and_the_event_is_counted_once \\(.*\\) \\.\\.\\. ok");

        List<ConsumerRecord<String, String>> written =
                kafka.topic(Topics.EVENTS).recordsSince(new TopicView.Mark(Map.of()));
        assertThat(written).hasSizeGreaterThan(1000);
        for (ConsumerRecord<String, String> record : written) {
            assertThat(ContractSchemas.problems(ContractSchemas.Contract.EVENT_ENVELOPE, record.value()))
                    .as("record at offset %d", record.offset())
                    .isEmpty();
            assertThat(ContractJson.mapper()
                            .readTree(record.value())
                            .path("data")
                            .has("comment"))
                    .isFalse();
        }
    }

    private static Path jar(String service) {
        return ROOT.resolve(service + "/target/" + service + ".jar");
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> all = new HashMap<>(env);
        all.put(name, value);
        return all;
    }
}
