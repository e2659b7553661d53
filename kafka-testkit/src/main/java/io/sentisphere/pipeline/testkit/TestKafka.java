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

    /** How long facades wait for the broker in assertions. */
    Duration PATIENCE = Duration.ofSeconds(30);
}
