package io.sentisphere.pipeline.testkit;

import io.sentisphere.pipeline.local.ContractTopics;
import java.time.Duration;


/** A running broker, as tests see it. */
public interface TestKafka {

    /** {@code host:port} list for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** A reader of one topic. */
    default TopicView topic(String name) {
        return new TopicView(bootstrapServers(), name);
    }

    /** Creates the topics of CONTRACTS.md (idempotent), with their cleanup policies. */
    static void createContractTopics(String bootstrapServers) {
        try {
            ContractTopics.create(bootstrapServers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes the contract topics and creates them empty, for tests whose subject reads a whole
     * topic from the beginning (a new Streams application does). Only for a broker private to one
     * module's tests: every test sharing it loses its records.
     */
    default void resetContractTopics() {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", bootstrapServers()))) {
            java.util.List<String> names = ContractTopics.definitions().stream()
                    .map(org.apache.kafka.clients.admin.NewTopic::name).toList();
            java.util.Set<String> existing = admin.listTopics().names().get();
            admin.deleteTopics(names.stream().filter(existing::contains).toList()).all().get();
            org.awaitility.Awaitility.await().atMost(PATIENCE)
                    .until(() -> admin.listTopics().names().get().stream().noneMatch(names::contains));
            org.awaitility.Awaitility.await().atMost(PATIENCE).ignoreExceptions().until(() -> {
                createContractTopics(bootstrapServers());
                return admin.listTopics().names().get().containsAll(names);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("resetting topics failed", e.getCause());
        }
    }

    /** How long facades wait for the broker in assertions. */
    Duration PATIENCE = Duration.ofSeconds(30);
}
