package io.sentisphere.pipeline.testkit;

import io.sentisphere.pipeline.local.ContractTopics;
import io.sentisphere.pipeline.local.KraftBroker;
import io.sentisphere.pipeline.local.KraftCluster;
import io.sentisphere.pipeline.local.Ports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A replicated cluster for failure tests: three real KRaft broker processes on loopback
 * ({@link KraftCluster}), replication factor 3 and {@code min.insync.replicas=2} for the contract
 * topics and every internal one. A test may SIGKILL any one broker and start it again. Costs three
 * JVMs (384 MiB heap each), so only tests about losing a machine use it.
 */
public final class ReplicatedKafka implements TestKafka, AutoCloseable {

    private final KraftCluster cluster;

    private ReplicatedKafka(KraftCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts a fresh cluster with its data under {@code dir} and the contract topics created, replicated. */
    public static ReplicatedKafka start(Path dir) throws IOException, InterruptedException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 2 * KraftCluster.NODES; i++) {
            ports.add(Ports.free());
        }
        KraftCluster cluster = KraftCluster.start(dir, ports, "384m");
        try {
            ContractTopics.create(cluster.bootstrapServers(), ContractTopics.Layout.REPLICATED);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return new ReplicatedKafka(cluster);
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The broker that leads partition 0 of {@code topic} now. */
    public int leaderOf(String topic) throws InterruptedException {
        return cluster.leaderOf(topic);
    }

    /** Broker {@code id} (1 to 3), to kill or restart. */
    public KraftBroker broker(int id) {
        return cluster.node(id);
    }

    @Override
    public void close() throws InterruptedException {
        cluster.close();
    }
}
