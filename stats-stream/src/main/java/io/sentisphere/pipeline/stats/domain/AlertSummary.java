package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the ranges need from the current alerts: high-risk alerts per local creation day, and the
 * newest {@value StatsCalculator#RECENT_ALERTS}. Maintained incrementally by {@link AlertBook}.
 */
public record AlertSummary(Map<LocalDate, Long> highRiskByDay, List<DashboardStats.RecentAlert> recent) {}
