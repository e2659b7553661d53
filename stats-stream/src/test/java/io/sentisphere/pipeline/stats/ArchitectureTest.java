package io.sentisphere.pipeline.stats;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Package rules: the stats calculation ({@code domain}) is pure Java, testable without Kafka or
 * Spring; the topology knows Kafka Streams but no Spring or HTTP, so it runs under
 * {@code TopologyTestDriver}; only the application class and {@code health} know Spring Boot.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sentisphere.pipeline.stats");

    @Test
    void theDomainIsPureJava() {
        noClasses()
                .that()
                .resideInAPackage("..stats.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..",
                        "org.springframework..",
                        "tools.jackson..",
                        "io.micrometer..",
                        "org.rocksdb..",
                        "..stats.topology..",
                        "..stats.config..")
                .check(CLASSES);
    }

    @Test
    void theTopologyKnowsNoSpringAndNoHttp() {
        noClasses()
                .that()
                .resideInAnyPackage("..stats.topology..", "..stats.domain..", "..stats.errors..", "..stats.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void nothingBelowTheApplicationDependsOnIt() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..stats.topology..",
                        "..stats.domain..",
                        "..stats.errors..",
                        "..stats.config..",
                        "..stats.metrics..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(StatsStreamApplication.class.getName())
                .check(CLASSES);
    }
}
