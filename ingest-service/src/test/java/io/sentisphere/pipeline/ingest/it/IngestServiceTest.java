package io.sentisphere.pipeline.ingest.it;

import io.sentisphere.pipeline.ingest.IngestApplication;
import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.SharedKafka;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The real ingest-service on a random port, writing to the JVM's shared real broker, with the test
 * secrets of {@link IngestClient}. Test classes with this annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@KafkaIntegrationTest
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = IngestServiceTest.OnSharedBroker.class)
public @interface IngestServiceTest {

    /** Points the service at {@link SharedKafka} with the test secrets. */
    class OnSharedBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                            "KAFKA_BOOTSTRAP_SERVERS=" + SharedKafka.get().bootstrapServers(),
                            "SERVICES_WEBHOOK_SHARED_SECRET=" + IngestClient.SECRETS)
                    .applyTo(context);
        }
    }
}
