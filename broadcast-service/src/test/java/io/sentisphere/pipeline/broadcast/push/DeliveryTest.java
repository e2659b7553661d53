package io.sentisphere.pipeline.broadcast.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentisphere.pipeline.broadcast.config.BroadcastConfig;
import io.sentisphere.pipeline.broadcast.stats.LatestStats;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher and the delivery loop against a recording gateway: routing, batching, re-sends
 * from the latest stats, retries, the health snapshot. No network.
 */
class DeliveryTest {

    /** Records calls; fails them while {@link #failing} is set. */
    static final class RecordingGateway implements PusherGateway {
        final List<List<Item>> calls = new CopyOnWriteArrayList<>();
        final List<Item> failed = new CopyOnWriteArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean();

        @Override
        public Sent send(List<Item> items) {
            if (failing.get()) {
                failed.addAll(items);
                return new Sent(Outcome.RETRY, 503, "SERVER_ERROR");
            }
            calls.add(List.copyOf(items));
            return new Sent(Outcome.DELIVERED, 200, null);
        }

        List<String> channels() {
            return calls.stream().flatMap(List::stream).map(Item::channel).toList();
        }

        List<Item> to(String channel) {
            return calls.stream()
                    .flatMap(List::stream)
                    .filter(i -> i.channel().equals(channel))
                    .toList();
        }
    }

    final RecordingGateway gateway = new RecordingGateway();
    final BroadcastConfig config = BroadcastConfig.load(
            Map.of("PIPELINE_PROFILE", "local", "BROADCAST_CONFLATION_MS", "50", "BROADCAST_RETRY_MAX_MS", "300")::get);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Conflator<String> conflator = new Conflator<>(config.conflation());
    final DeliveryLoop loop =
            new DeliveryLoop(conflator, gateway, config.retryMax(), Clock.systemUTC(), registry).start();
    final LatestStats latest = new LatestStats();
    final Publisher publisher = new Publisher(config, conflator, loop::wake, latest, registry);

    DeliveryTest() {
        latest.markCaughtUp();
        publisher.granted(); // this instance holds the publisher lease
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.close();
    }

    /** What the stats feed does with each record once caught up. */
    void offer(StatsUpdate update) {
        latest.put(update);
        publisher.offer(update);
    }

    static StatsUpdate update(StatsRange range, long checkins) {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-26T10:00:00+08:00");
        return new StatsUpdate(
                range,
                "checkin.created",
                new DashboardStats(
                        1,
                        checkins,
                        0,
                        0,
                        List.of(),
                        at,
                        range,
                        new DashboardStats.Breakdown(Map.of(), Map.of(), Map.of()),
                        null,
                        new DashboardStats.Sentiments(0, 0, 0)),
                at);
    }

    @Test
    void thisWeekGoesToTheBaseChannelAndItsOwnInOneCall() {
        offer(update(StatsRange.THIS_WEEK, 5));

        await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.calls.isEmpty());
        assertThat(gateway.calls.get(0))
                .extracting(PusherGateway.Item::channel)
                .containsExactly("private-cache-dashboard", "private-cache-dashboard.this_week");
        assertThat(gateway.calls.get(0).get(0).data())
                .contains("\"this_week_checkins\":5")
                .contains("\"type\":\"stats_update\"");
    }

    @Test
    void aCacheMissResendsTheChannelsLatestStateOnly() {
        assertThat(publisher.resend("private-cache-dashboard.today"))
                .as("nothing offered yet")
                .isFalse();
        offer(update(StatsRange.TODAY, 1));
        offer(update(StatsRange.THIS_WEEK, 2));
        offer(update(StatsRange.TODAY, 3));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.to("private-cache-dashboard.today").stream()
                        .anyMatch(item -> item.data().contains("\"this_week_checkins\":3")));
        int before = gateway.calls.size();

        assertThat(publisher.resend("private-cache-dashboard.today")).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.calls.size() > before);
        assertThat(gateway.calls.subList(before, gateway.calls.size()))
                .singleElement()
                .satisfies(call -> assertThat(call).singleElement().satisfies(item -> {
                    assertThat(item.channel()).isEqualTo("private-cache-dashboard.today");
                    assertThat(item.data()).contains("\"this_week_checkins\":3");
                }));
    }

    @Test
    void aCacheMissOnAChannelNotOursSendsNothing() {
        offer(update(StatsRange.TODAY, 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.calls.isEmpty());

        assertThat(publisher.resend("private-cache-other.today")).isFalse();
        assertThat(publisher.resend("private-cache-dashboard.next_year")).isFalse();
    }

    @Test
    void aResendCarriesTheLatestStateEvenWhenItWasConflatedAway() {
        gateway.failing.set(true);
        offer(update(StatsRange.YESTERDAY, 1));
        offer(update(StatsRange.YESTERDAY, 2));
        assertThat(publisher.resend("private-cache-dashboard.yesterday")).isTrue();
        // Pusher recovers only once it has refused the latest state: a call already on its way
        // with the first state when it recovered would rightly be delivered too.
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        gateway.failed.stream().anyMatch(item -> item.data().contains("\"this_week_checkins\":2")));
        gateway.failing.set(false);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !gateway.to("private-cache-dashboard.yesterday").isEmpty());
        assertThat(gateway.to("private-cache-dashboard.yesterday"))
                .singleElement()
                .satisfies(item -> assertThat(item.data()).contains("\"this_week_checkins\":2"));
    }

    @Test
    void anInstanceWithoutTheLeasePublishesNothingButAResendReply() {
        publisher.revoked();

        offer(update(StatsRange.TODAY, 1));
        assertThat(conflator.undelivered()).as("nothing queued").isZero();
        assertThat(publisher.resend("private-cache-dashboard.today")).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.calls.isEmpty());
        assertThat(gateway.channels()).containsExactly("private-cache-dashboard.today");
    }

    @Test
    void gainingTheLeasePublishesTheLatestStateOfEveryRange() {
        publisher.revoked();
        offer(update(StatsRange.TODAY, 4));
        offer(update(StatsRange.LAST_MONTH, 9));

        publisher.granted();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.to("private-cache-dashboard.today").size() == 1
                        && gateway.to("private-cache-dashboard.last_month").size() == 1);
        assertThat(gateway.to("private-cache-dashboard.today").get(0).data()).contains("\"this_week_checkins\":4");
        assertThat(gateway.to("private-cache-dashboard.last_month").get(0).data())
                .contains("\"this_week_checkins\":9");
    }

    @Test
    void losingTheLeaseDropsWhatWasNotYetSent() {
        gateway.failing.set(true);
        offer(update(StatsRange.THIS_MONTH, 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state().consecutiveFailures() >= 1);

        publisher.revoked();

        // Still failing: a call already on its way fails and is not put back, nothing stays pending.
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state().undeliveredChannels() == 0);
        gateway.failing.set(false);
        assertThat(gateway.calls).isEmpty();
    }

    @Test
    void nothingIsScheduledWhileNoStateChanges() {
        offer(update(StatsRange.TODAY, 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.calls.isEmpty());
        int calls = gateway.calls.size();

        // No poll, no probe: once delivered, the delivery thread waits without a timeout, so only
        // new work can wake it (a periodic call would show as TIMED_WAITING).
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveryThreadState() == Thread.State.WAITING);
        assertThat(gateway.calls).hasSize(calls);
    }

    static Thread.State deliveryThreadState() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("pusher-delivery"))
                .findFirst()
                .orElseThrow()
                .getState();
    }

    @Test
    void duringAnOutageOnlyTheNewestStateIsKeptAndItIsDeliveredAfterwards() {
        gateway.failing.set(true);
        for (int i = 1; i <= 100; i++) {
            offer(update(StatsRange.LAST_MONTH, i));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        gateway.failed.stream().anyMatch(item -> item.data().contains("\"this_week_checkins\":100")));
        assertThat(loop.state().undeliveredChannels()).isEqualTo(1);

        gateway.failing.set(false);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !gateway.to("private-cache-dashboard.last_month").isEmpty());
        assertThat(gateway.to("private-cache-dashboard.last_month"))
                .singleElement()
                .satisfies(item -> assertThat(item.data()).contains("\"this_week_checkins\":100"));
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state().undeliveredChannels() == 0);
    }
}
