package io.sentisphere.pipeline.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A replicated KRaft cluster on loopback: three {@link KraftBroker} nodes, each a broker and a
 * controller (a quorum of three survives one lost node), replication factor 3 and
 * {@code min.insync.replicas=2} for every topic, internal ones included (offsets, transactions,
 * Streams' changelogs and repartition topics). So an acknowledged write is on at least two nodes,
 * and any one node may die without losing it or stopping writes.
 *
 * <p>Fits a 2-core machine: each node runs with a small heap ({@code maxHeap}, e.g. 384m) and the
 * serial collector. Data lives under {@code dir/node-N} and survives restarts.
 */
public final class KraftCluster implements AutoCloseable {

    /** Nodes, replication factor and min ISR of the replicated layout. */
    public static final int NODES = 3;

    public static final int MIN_INSYNC_REPLICAS = 2;

    private final List<KraftBroker> nodes;

    private KraftCluster(List<KraftBroker> nodes) {
        this.nodes = nodes;
    }

    /**
     * Formats each node's storage if new, starts all three and returns once every node answers.
     *
     * @param ports per node its client port then its controller port: 6 ports, node 1's first
     */
    public static KraftCluster start(Path dir, List<Integer> ports, String maxHeap)
            throws IOException, InterruptedException {
        if (ports.size() != 2 * NODES) {
            throw new IllegalArgumentException("a cluster of " + NODES + " needs " + 2 * NODES + " ports");
        }
        String voters = IntStream.range(0, NODES)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + ports.get(2 * i + 1))
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<KraftBroker> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(new KraftBroker(
                    new KraftBroker.Settings(
                            dir.resolve("node-" + (i + 1)), ports.get(2 * i), ports.get(2 * i + 1), maxHeap),
                    new KraftBroker.Membership(i + 1, voters, clusterId, NODES, MIN_INSYNC_REPLICAS)));
        }
        KraftCluster cluster = new KraftCluster(List.copyOf(nodes));
        try {
            for (KraftBroker node : nodes) {
                node.formatIfNew();
            }
            for (KraftBroker node : nodes) {
                node.launch();
            }
            for (KraftBroker node : nodes) {
                node.awaitReady();
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Every node's client address, so a client reaches the cluster while any one node is down. */
    public String bootstrapServers() {
        return nodes.stream().map(KraftBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** The id of the node that leads partition 0 of {@code topic} now. */
    public int leaderOf(String topic) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .get(0)
                    .leader()
                    .id();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "describing " + topic + " failed: " + e.getCause().getMessage(), e);
        }
    }

    /** Node {@code id} (1 to 3). */
    public KraftBroker node(int id) {
        return nodes.get(id - 1);
    }

    public List<KraftBroker> nodes() {
        return nodes;
    }

    @Override
    public void close() throws InterruptedException {
        for (KraftBroker node : nodes) {
            node.stop();
        }
    }
}
