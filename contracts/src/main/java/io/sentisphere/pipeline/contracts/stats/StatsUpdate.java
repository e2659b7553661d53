package io.sentisphere.pipeline.contracts.stats;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;

/**
 * One record of {@code dashboard.stats.v1}, keyed by {@code range}: the current stats of that
 * range and why they were emitted ({@code reason}: the triggering event type, the legacy webhook's
 * reason, or {@code rollover} when the wall clock moved the range).
 */
@JsonPropertyOrder({"range", "reason", "stats", "computed_at"})
public record StatsUpdate(StatsRange range, String reason, DashboardStats stats, OffsetDateTime computedAt) {}
