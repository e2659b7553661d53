package io.sentisphere.pipeline.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a real Kafka broker. Test methods and constructors may declare a
 * {@link TestKafka} parameter. One broker serves the whole test JVM (started on first use, with the
 * contract topics created); tests isolate themselves with {@link TopicView#mark()} rather than by
 * emptying topics.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("kafka")
@ExtendWith(KafkaBrokerExtension.class)
public @interface KafkaIntegrationTest {}
