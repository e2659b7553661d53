package io.sentisphere.pipeline.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Brings a cluster's contract topics in line with their definitions, idempotently: creates the
 * missing ones and compares the existing ones (partitions, replication factor, every configured
 * setting) with the definition. Differences are reported, never fixed behind the operator's back;
 * {@code alterConfigs} sets drifted topic settings to the contract's values (partition counts and
 * replication factors are left alone: changing them is a reassignment an operator plans).
 */
public final class TopicProvisioner {

    /** What happened to one topic. */
    public sealed interface Outcome {
        String topic();

        /** True when the topic now exists and matches its definition. */
        default boolean inLine() {
            return !(this instanceof Drifted) && !(this instanceof WouldCreate);
        }
    }

    public record Created(String topic, int partitions, short replicationFactor) implements Outcome {}

    public record WouldCreate(String topic, int partitions, short replicationFactor) implements Outcome {}

    public record UpToDate(String topic) implements Outcome {}

    /** Settings that were different and have been set to the contract's values. */
    public record Altered(String topic, List<String> changes) implements Outcome {}

    /** Differences that remain, each "what: actual (contract: expected)". */
    public record Drifted(String topic, List<String> differences) implements Outcome {}

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /**
     * @param alterConfigs set drifted topic settings to the contract's values
     * @throws IllegalStateException when the cluster refuses a request (the message says why)
     */
    public List<Outcome> apply(List<NewTopic> definitions, boolean alterConfigs) throws InterruptedException {
        return run(definitions, alterConfigs, false);
    }

    /** What {@link #apply} would do, changing nothing. */
    public List<Outcome> check(List<NewTopic> definitions) throws InterruptedException {
        return run(definitions, false, true);
    }

    private List<Outcome> run(List<NewTopic> definitions, boolean alterConfigs, boolean dryRun)
            throws InterruptedException {
        Set<String> existing = await(admin.listTopics().names(), "listing topics");
        List<Outcome> outcomes = new ArrayList<>();
        for (NewTopic definition : definitions) {
            if (!existing.contains(definition.name())) {
                if (dryRun) {
                    outcomes.add(new WouldCreate(
                            definition.name(), definition.numPartitions(), definition.replicationFactor()));
                    continue;
                }
                if (create(definition)) {
                    outcomes.add(
                            new Created(definition.name(), definition.numPartitions(), definition.replicationFactor()));
                    continue;
                }
            }
            outcomes.add(compare(definition, alterConfigs));
        }
        return outcomes;
    }

    /** @return false when another client created it meanwhile */
    private boolean create(NewTopic definition) throws InterruptedException {
        try {
            admin.createTopics(List.of(definition)).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException(
                    "creating " + definition.name() + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private Outcome compare(NewTopic definition, boolean alterConfigs) throws InterruptedException {
        String name = definition.name();
        TopicDescription description = await(admin.describeTopics(List.of(name)).allTopicNames(), "describing " + name)
                .get(name);
        List<String> structural = new ArrayList<>();
        int partitions = description.partitions().size();
        if (partitions != definition.numPartitions()) {
            structural.add("partitions: " + partitions + " (contract: " + definition.numPartitions() + ")");
        }
        int replicas = description.partitions().stream()
                .mapToInt(p -> p.replicas().size())
                .min()
                .orElse(0);
        if (replicas != definition.replicationFactor()) {
            structural.add("replication factor: " + replicas + " (contract: " + definition.replicationFactor() + ")");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config actual = await(admin.describeConfigs(List.of(resource)).all(), "describing the settings of " + name)
                .get(resource);
        List<String> settings = new ArrayList<>();
        List<AlterConfigOp> fixes = new ArrayList<>();
        definition.configs().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(wanted -> {
                    ConfigEntry entry = actual.get(wanted.getKey());
                    String value = entry == null ? null : entry.value();
                    if (!wanted.getValue().equals(value)) {
                        settings.add(wanted.getKey() + ": " + value + " (contract: " + wanted.getValue() + ")");
                        fixes.add(new AlterConfigOp(
                                new ConfigEntry(wanted.getKey(), wanted.getValue()), AlterConfigOp.OpType.SET));
                    }
                });
        if (alterConfigs && !fixes.isEmpty()) {
            await(
                    admin.incrementalAlterConfigs(Map.of(resource, (Collection<AlterConfigOp>) fixes))
                            .all(),
                    "altering the settings of " + name);
            if (structural.isEmpty()) {
                return new Altered(name, settings);
            }
            List<String> differences = new ArrayList<>(structural);
            settings.forEach(s -> differences.add("set to the contract's value: " + s));
            return new Drifted(name, differences);
        }
        List<String> differences = new ArrayList<>(structural);
        differences.addAll(settings);
        return differences.isEmpty() ? new UpToDate(name) : new Drifted(name, differences);
    }

    private static <T> T await(KafkaFuture<T> future, String what) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
