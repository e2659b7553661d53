package io.sentisphere.pipeline.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.ingest.config.IngestConfig;
import io.sentisphere.pipeline.ingest.kafka.EventPublisher;
import io.sentisphere.pipeline.ingest.kafka.ProducerSettings;
import io.sentisphere.pipeline.ingest.metrics.IngestMetrics;
import io.sentisphere.pipeline.ingest.payload.PayloadParser;
import io.sentisphere.pipeline.ingest.signature.SignatureVerifier;
import io.sentisphere.pipeline.service.health.KafkaReachability;
import io.sentisphere.pipeline.service.http.ContractEndpoint;
import io.sentisphere.pipeline.service.http.ServiceErrorAdvice;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;

/** ingest-service: signed webhooks in, {@code dashboard.events.v1} out. Wiring only. */
@SpringBootApplication
public class IngestApplication {

    private static final Logger log = LoggerFactory.getLogger(IngestApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }

    /** {@code GET /openapi.yaml} and the schemas it references: the contract as the tests check it. */
    /** The one exception → HTTP mapping (service-kit's ErrorResponses). */
    @Bean
    ServiceErrorAdvice serviceErrorAdvice() {
        return new ServiceErrorAdvice();
    }

    @Bean
    ContractEndpoint contractEndpoint() {
        return new ContractEndpoint("ingest-service");
    }

    @Bean
    IngestConfig ingestConfig(Environment environment) {
        IngestConfig config = IngestConfig.load(environment::getProperty);
        log.info("ingest-service configuration: {}", new java.util.TreeMap<>(config.printable()));
        return config;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Bean(destroyMethod = "destroy")
    DefaultKafkaProducerFactory<String, byte[]> producerFactory(IngestConfig config, MeterRegistry registry) {
        DefaultKafkaProducerFactory<String, byte[]> factory =
                new DefaultKafkaProducerFactory<>(ProducerSettings.of(config));
        factory.addListener(new MicrometerProducerListener<>(registry));
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(DefaultKafkaProducerFactory<String, byte[]> factory) {
        return EventPublisher.template(factory);
    }

    /** Health component {@code kafka}: {@code GET /health} is 503 while it is DOWN. */
    @Bean(destroyMethod = "close")
    KafkaReachability kafka(IngestConfig config, Clock clock) {
        return new KafkaReachability(
                config.bootstrapServers(), List.of(Topics.EVENTS), Duration.ofSeconds(2), Duration.ofSeconds(2), clock);
    }

    @Bean
    Ingestor ingestor(IngestConfig config, KafkaTemplate<String, byte[]> template, IngestMetrics metrics, Clock clock) {
        return new Ingestor(
                new SignatureVerifier(config.secrets(), config.signatureTolerance(), clock),
                new PayloadParser(clock),
                new EventPublisher(template, config.kafkaDeadline(), metrics),
                clock);
    }
}
