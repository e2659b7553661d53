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

    static final String GROUP = "stream-thread-metrics";
    static final String NAME = "commit-total";
    static final String THREAD_TAG = "thread-id";

    private StreamThreadCommits() {}

    /**
     * The count of the thread that first asks for it (the stream thread: a task's processor can be
     * initialised elsewhere, so the metric is looked up on the first call), or a constant 0 when that
     * thread has none (a test driver, or a Kafka Streams that renamed the metric: pacing then falls
     * back to the interval alone).
     */
    static LongSupplier of(StreamsMetrics metrics) {
        LongSupplier[] resolved = new LongSupplier[1];
        return () -> {
            if (resolved[0] == null) {
                resolved[0] = ofCallingThread(metrics);
            }
            return resolved[0].getAsLong();
        };
    }

    private static LongSupplier ofCallingThread(StreamsMetrics metrics) {
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
