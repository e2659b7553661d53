package io.sentisphere.pipeline.broadcast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Package rules: delivery (push), the stats feed, auth and config know no HTTP server types, so the
 * conflation and routing are tested without infrastructure; only pusher-http-java's gateway knows the
 * Pusher client; only the HTTP edge maps problems to statuses.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sentisphere.pipeline.broadcast");

    @Test
    void coreImportsNoHttpServerTypes() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..broadcast.push..", "..broadcast.stats..", "..broadcast.auth..", "..broadcast.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.http..")
                .check(CLASSES);
    }

    @Test
    void onlyTheGatewayUsesThePusherClient() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("io.sentisphere.pipeline.broadcast.push.PusherHttpGateway")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.pusher.rest..")
                .check(CLASSES);
    }

    @Test
    void onlyTheHttpEdgeTurnsProblemsIntoStatuses() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..broadcast.http..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.http.HttpStatus")
                .check(CLASSES);
    }
}
