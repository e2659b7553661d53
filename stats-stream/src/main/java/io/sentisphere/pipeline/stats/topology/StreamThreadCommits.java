package io.sentisphere.pipeline.stats.topology;

import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * How many commits the calling stream thread has completed: Kafka Streams' documented thread metric
 * {@code stream-thread-metrics / commit-total} (recorded at level INFO, which {@link
 * StreamsSettings} sets), the one signal a processor has that a commit ran. It counts the loop's
 * commits that committed at least one task, requested or by the commit interval.
 */
final class StreamThreadCommits {

    private static final String GROUP = "stream-thread-metrics";
    private static final String NAME = "commit-total";
    private static final String THREAD_TAG = "thread-id";

    private StreamThreadCommits() {}

    /**
     * The count of the calling thread, or a constant 0 when it has none (a test driver, or a Kafka
     * Streams that renamed the metric: pacing then falls back to the interval alone). Call it on the
     * stream thread: a processor's {@code init} runs there ({@code StreamThreadCommitsIT} relies on
     * it).
     */
    static LongSupplier of(StreamsMetrics metrics) {
        String thread = Thread.currentThread().getName();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.name().equals(NAME)
                    && name.group().equals(GROUP)
                    && thread.equals(name.tags().get(THREAD_TAG))
                    && entry.getValue().metricValue() instanceof Number) {
                Metric metric = entry.getValue();
                return () -> ((Number) metric.metricValue()).longValue();
            }
        }
        return () -> 0L;
    }
}
