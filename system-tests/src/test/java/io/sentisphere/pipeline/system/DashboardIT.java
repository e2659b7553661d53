package io.sentisphere.pipeline.system;

import static io.sentisphere.pipeline.jsclients.JsClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentisphere.pipeline.jsclients.JsClient;
import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.SharedKafka;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard kit in real headless Chromium against the running pipeline (every service from
 * its jar): {@code useDashboardEcho} in the kit's test harness page, React from npm, served from
 * another origin than broadcast-service; and the counselor dashboard broadcast-service serves at
 * {@code /}, at phone and desktop widths.
 */
@KafkaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path PAGES = Path.of("../clients/dashboard/dist/pages");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    Pipeline pipeline;
    StaticFiles harness;
    String token;

    @BeforeAll
    void start() throws Exception {
        pipeline = new Pipeline(SharedKafka.get().bootstrapServers());
        harness = new StaticFiles(PAGES.resolve("harness"));
        token = PipelineIT.counselorToken();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() throws Exception {
        harness.close();
        pipeline.close();
    }

    JsClient hook(String range, String token) {
        String hash = "key=app-key&wsHost=127.0.0.1&wsPort=" + pipeline.channelsPort + "&api="
                + enc("http://127.0.0.1:" + pipeline.broadcastPort) + "&token=" + enc(token) + "&range=" + range;
        return JsClient.browser(harness.url("index.html#" + hash));
    }

    static Predicate<JsonNode> shows(String id, String value) {
        return type("dom").and(l -> value.equals(l.path("values").path(id).asString()));
    }

    static Predicate<JsonNode> shows(Map<String, String> values) {
        return type("dom")
                .and(l -> values.entrySet().stream()
                        .allMatch(e -> e.getValue()
                                .equals(l.path("values").path(e.getKey()).asString())));
    }

    /** The newest DOM snapshot. */
    static JsonNode dom(JsClient page) {
        List<JsonNode> snapshots = page.lines(type("dom"));
        return snapshots.get(snapshots.size() - 1).path("values");
    }

    long current(String range, String field) throws Exception {
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> pipeline.current(range, token).statusCode() == 200);
        return JSON.readTree(pipeline.current(range, token).body()).path(field).asLong();
    }

    @Test
    void theHookRendersThenReceivesTheUpdateOfASignedCheckinCallingOnStatsUpdateOncePerState() throws Exception {
        try (JsClient page = hook("this_week", token)) {
            // given the hook is live with the current state
            page.await(
                    shows("connected", "true")
                            .and(l -> !"-"
                                    .equals(l.path("values").path("checkins").asString())),
                    WAIT);
            long before = Long.parseLong(dom(page).path("checkins").asString());

            // when a signed check-in is posted
            assertThat(pipeline.postEvents(PipelineIT.checkin(300_001)).statusCode())
                    .isEqualTo(200);

            // then the hook shows its state, and onStatsUpdate saw each state once, oldest first
            page.await(shows("checkins", String.valueOf(before + 1)), WAIT);
            JsonNode updates = JSON.readTree(dom(page).path("updates").asString());
            List<String> timestamps = new ArrayList<>();
            updates.forEach(u -> timestamps.add(u.path("timestamp").asString()));
            assertThat(timestamps).doesNotHaveDuplicates();
            assertThat(timestamps)
                    .isSortedAccordingTo((a, b) -> OffsetDateTime.parse(a).compareTo(OffsetDateTime.parse(b)));
            assertThat(updates.get(updates.size() - 1).path("checkins").asLong())
                    .isEqualTo(before + 1);
            assertThat(page.lines(type("error"))).isEmpty();
        }
    }

    @Test
    void aRangeSwitchResubscribesToThatRangesChannel() throws Exception {
        try (JsClient page = hook("this_week", token)) {
            page.await(shows(Map.of("connected", "true", "stats-range", "this_week")), WAIT);

            // when the range changes
            page.evaluate("window.harness.setRange('today')", WAIT);

            // then the hook shows today's state, live, and follows today's channel
            page.await(shows(Map.of("range", "today", "stats-range", "today", "connected", "true")), WAIT);
            long before = current("today", "this_week_checkins");
            page.await(shows("checkins", String.valueOf(before)), WAIT);
            assertThat(pipeline.postEvents(PipelineIT.checkin(300_002)).statusCode())
                    .isEqualTo(200);
            page.await(shows(Map.of("checkins", String.valueOf(before + 1), "reason", "checkin.created")), WAIT);
        }
    }

    @Test
    void aChannelsServerRestartShowsDisconnectedThenConnectedWithTheLatestState() throws Exception {
        try (JsClient page = hook("this_week", token)) {
            page.await(
                    shows("connected", "true")
                            .and(l -> !"-"
                                    .equals(l.path("values").path("checkins").asString())),
                    WAIT);
            long before = Long.parseLong(dom(page).path("checkins").asString());

            // when channels-server goes away
            pipeline.stopChannels();

            // then the hook says so, and pusher-js soon declares the server unavailable
            page.await(shows("connected", "false"), WAIT);
            page.await(shows("connection", "unavailable"), WAIT);

            // and a check-in made meanwhile reaches broadcast-service, which cannot push it
            assertThat(pipeline.postEvents(PipelineIT.checkin(300_003)).statusCode())
                    .isEqualTo(200);
            await().atMost(WAIT).until(() -> current("this_week", "this_week_checkins") == before + 1);

            // when channels-server is back, the hook recovers from unavailable by itself, with that latest state
            pipeline.startChannels();
            page.await(shows(Map.of("connected", "true", "checkins", String.valueOf(before + 1))), WAIT);
        }
    }

    @Test
    void aBadTokenIsAnErrorStateNotARetryLoopAndANewTokenRecovers() throws Exception {
        try (JsClient page = hook("this_week", "not-a-valid-token")) {
            // then the auth error is shown, once, and not retried
            page.await(shows(Map.of("error", "auth 401", "connected", "false")), WAIT);
            Predicate<JsonNode> authRefused =
                    type("http_error").and(l -> l.path("url").asString().contains("/broadcasting/auth"));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> page.lines(authRefused).size() == 1);

            // when the user logs in again
            page.evaluate("window.harness.setToken(" + JSON.writeValueAsString(token) + ")", WAIT);
            page.evaluate("window.harness.refresh()", WAIT);

            // then the new token is used and the hook goes live
            page.await(
                    shows(Map.of("error", "none", "connected", "true"))
                            .and(l -> !"-"
                                    .equals(l.path("values").path("checkins").asString())),
                    WAIT);
        }
    }

    @Test
    void theCounselorDashboardShowsAKnownEventSetAtPhoneAndDesktopWidthWithoutErrors() throws Exception {
        // given the page is live on today's range
        String url = "http://127.0.0.1:" + pipeline.broadcastPort + "/#range=today&token=" + enc(token);
        try (JsClient page = JsClient.browser(url, 1280, 900)) {
            page.await(
                    shows("status", "Live")
                            .and(l -> !"—"
                                    .equals(l.path("values")
                                            .path("this_week_checkins")
                                            .asString())),
                    WAIT);
            JsonNode before = JSON.readTree(pipeline.current("today", token).body());
            page.await(
                    shows(
                            "this_week_checkins",
                            number(before.path("this_week_checkins").asLong())),
                    WAIT);

            // when a known set of events is posted
            String alertName = "Student " + UUID.randomUUID().toString().substring(0, 8);
            assertThat(pipeline.postEvents(knownEvents(alertName)).statusCode()).isEqualTo(200);

            // then the page shows exactly their effect
            Map<String, String> expected = Map.of(
                    "this_week_checkins",
                            number(before.path("this_week_checkins").asLong() + 4),
                    "students_monitored",
                            number(before.path("students_monitored").asLong() + 4),
                    "high_risk_flags", number(before.path("high_risk_flags").asLong() + 2),
                    "mood-Great",
                            String.valueOf(before.path("breakdown")
                                            .path("mood")
                                            .path("Great")
                                            .asLong()
                                    + 2),
                    "mood-Anxious",
                            String.valueOf(before.path("breakdown")
                                            .path("mood")
                                            .path("Anxious")
                                            .asLong()
                                    + 1),
                    "energy-High",
                            String.valueOf(before.path("breakdown")
                                            .path("energy")
                                            .path("High")
                                            .asLong()
                                    + 2),
                    "stress-High-Stress",
                            String.valueOf(before.path("breakdown")
                                            .path("stress")
                                            .path("High Stress")
                                            .asLong()
                                    + 1),
                    "sentiment-negative",
                            String.valueOf(
                                    before.path("sentiments").path("negative").asLong() + 1),
                    "sentiment-positive",
                            String.valueOf(
                                    before.path("sentiments").path("positive").asLong() + 1));
            page.await(shows(expected), WAIT);
            JsonNode after = JSON.readTree(pipeline.current("today", token).body());
            assertThat(dom(page).path("wellness_index").asString())
                    .isEqualTo(String.valueOf(
                            Math.round(after.path("wellness_index").asDouble())));
            JsonNode alert = page.evaluate("""
                    (() => { const li = document.querySelector('.alerts li');
                      return { name: li.querySelector('.who').textContent,
                               badges: [...li.querySelectorAll('.badge')].map(b => b.textContent) }; })()""", WAIT);
            assertThat(alert.path("name").asString()).isEqualTo(alertName);
            assertThat(alert.path("badges").toString()).isEqualTo("[\"high\",\"open\"]");

            // and it is usable at both widths: controls labelled, readable contrast, no sideways scrolling
            for (int width : new int[] {1280, 360}) {
                page.viewport(width, width == 360 ? 780 : 900, WAIT);
                int at = width;
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(
                                () -> // charts resize after the viewport
                                assertThat(page.evaluate(LAYOUT_CHECK, WAIT).toString())
                                        .as("at %d px", at)
                                        .isEqualTo("{\"unlabelled\":[],\"lowContrast\":[],\"overflow\":[]}"));
                page.screenshot(SCREENSHOTS.resolve("dashboard-" + width + ".png"), WAIT);
                assertThat(SCREENSHOTS.resolve("dashboard-" + width + ".png")).isNotEmptyFile();
            }

            // and nothing went wrong on the way: no console error, no failed or refused request
            assertThat(page.lines(type("console")
                            .and(l -> "error".equals(l.path("level").asString()))))
                    .isEmpty();
            assertThat(page.lines(type("error"))).isEmpty();
            assertThat(page.lines(type("request_failed"))).isEmpty();
            assertThat(page.lines(type("http_error"))).isEmpty();
        }
    }

    /**
     * In the page: controls without an accessible name, text below WCAG AA contrast (4.5:1, 3:1
     * for large text) against its nearest opaque background, and what sticks out sideways (the page
     * must not scroll horizontally).
     */
    static final String LAYOUT_CHECK = """
            (() => {
              const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
              const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
              const background = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
                if (c.length === 3 || c[3] === 1) return c.slice(0, 3); } return [255, 255, 255]; };
              const lowContrast = [];
              document.querySelectorAll('body *').forEach((el) => {
                const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
                if (!text || el.closest('.sr-only') || !el.getClientRects().length) return;
                const style = getComputedStyle(el);
                const [a, b] = [lum(rgb(style.color).slice(0, 3)), lum(background(el))];
                const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
                if (ratio < (large ? 3 : 4.5)) lowContrast.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2));
              });
              const unlabelled = [...document.querySelectorAll('select, button, input')]
                .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
                .map((e) => e.outerHTML.slice(0, 80));
              const overflow = document.documentElement.scrollWidth <= window.innerWidth ? [] : [...document.querySelectorAll('body *')]
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.sr-only'))
                .slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
              return { unlabelled, lowContrast, overflow };
            })()""";

    static String knownEvents(String alertName) {
        String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0));
        int user = 400_000 + (int) (System.nanoTime() % 50_000) * 4;
        List<String> events = new ArrayList<>();
        String[][] checkins = {
            {"Great", "High", "Low Stress"},
            {"Great", "Low", "High Stress"},
            {"Anxious", "Moderate", "Moderate"},
            {"Okay", "High", "No Stress"}
        };
        for (int i = 0; i < checkins.length; i++) {
            events.add("""
                    {"id":"%s","type":"checkin.created","occurred_at":"%s","data":{"checkin_id":%d,"user_id":%d,\
                    "mood_level":"%s","energy_level":"%s","stress_level":"%s","feel_better":"Yes"}}""".formatted(
                    UUID.randomUUID(), now, user + i, user + i, checkins[i][0], checkins[i][1], checkins[i][2]));
        }
        events.add("""
                {"id":"%s","type":"alert.created","occurred_at":"%s","data":{"alert_id":%d,"user_id":%d,"name":"%s",\
                "severity":"high","status":"open","reason":"Asked for help after class","created_at":"%s"}}""".formatted(UUID.randomUUID(), now, user, user, alertName, now));
        for (String sentiment : new String[] {"negative", "positive"}) {
            events.add("""
                    {"id":"%s","type":"sentiment.analyzed","occurred_at":"%s","data":{"subject":"checkin","subject_id":%d,\
                    "user_id":%d,"sentiment":"%s","confidence":0.9}}""".formatted(UUID.randomUUID(), now, user, user, sentiment));
        }
        return "[" + String.join(",", events) + "]";
    }

    static String number(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
