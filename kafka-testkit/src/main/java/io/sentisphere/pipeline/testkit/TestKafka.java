package io.sentisphere.pipeline.testkit;

import io.sentisphere.pipeline.local.ContractTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;

/** A running broker, as tests see it. */
public interface TestKafka {

    /** {@code host:port} list for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** A reader of one topic. */
    default TopicView topic(String name) {
        return new TopicView(bootstrapServers(), name);
    }

    /** Creates the topics of docs/contract.md (idempotent), with their cleanup policies. */
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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<String> names =
                    ContractTopics.definitions().stream().map(NewTopic::name).toList();
            Set<String> existing = admin.listTopics().names().get();
            admin.deleteTopics(names.stream().filter(existing::contains).toList())
                    .all()
                    .get();
            Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> admin.listTopics().names().get().stream().noneMatch(names::contains));
            Awaitility.await().atMost(PATIENCE).ignoreExceptions().until(() -> {
                createContractTopics(bootstrapServers());
                return admin.listTopics().names().get().containsAll(names);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("resetting topics failed", e.getCause());
        }
    }

    /** How long facades wait for the broker in assertions. */
    Duration PATIENCE = Duration.ofSeconds(30);
}
