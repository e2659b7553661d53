package io.sentisphere.pipeline.testkit;

import io.sentisphere.pipeline.local.KraftBroker;
import io.sentisphere.pipeline.local.Ports;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A broker a test may stop and start again (same ports, same data), for outage tests: a real
 * KRaft broker process ({@link KraftBroker}), not a simulation. Slower to start than
 * {@link SharedKafka}, so only tests about broker loss use it.
 */
public final class RestartableKafka implements TestKafka, AutoCloseable {

    private final KraftBroker broker;

    private RestartableKafka(KraftBroker broker) {
        this.broker = broker;
    }

    /** Starts a fresh broker with its data in {@code dataDir} and the contract topics created. */
    public static RestartableKafka start(Path dataDir) throws IOException, InterruptedException {
        KraftBroker broker = KraftBroker.start(new KraftBroker.Settings(dataDir, Ports.free(), Ports.free(), "512m"));
        TestKafka.createContractTopics(broker.bootstrapServers());
        return new RestartableKafka(broker);
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Controlled shutdown; returns once the process is gone. */
    public void stop() throws InterruptedException {
        broker.stop();
    }

    /** Starts the stopped broker again and returns once it answers. */
    public void start() throws IOException, InterruptedException {
        broker.restart();
    }

    @Override
    public void close() throws InterruptedException {
        broker.close();
    }
}
