package io.sentisphere.pipeline.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Package rules: the domain (signature, payload, Kafka edge, errors, config) knows nothing of HTTP,
 * so it is testable without a server and the HTTP edge stays the one place mapping errors to statuses.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sentisphere.pipeline.ingest");

    @Test
    void domainImportsNoHttpTypes() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..ingest.signature..",
                        "..ingest.payload..",
                        "..ingest.kafka..",
                        "..ingest.error..",
                        "..ingest.config..")
                .or()
                .haveFullyQualifiedName(Ingestor.class.getName())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.http..")
                .check(CLASSES);
    }

    @Test
    void onlyTheHttpEdgeTurnsErrorsIntoStatuses() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..ingest.http..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.http.HttpStatus")
                .check(CLASSES);
    }
}
