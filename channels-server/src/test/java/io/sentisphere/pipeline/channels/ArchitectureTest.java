package io.sentisphere.pipeline.channels;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Package rules: channel state (hub) and the protocol's crypto know no WebSocket or HTTP types, so
 * they are tested without a server; only the HTTP edge maps refusals to statuses.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sentisphere.pipeline.channels");

    @Test
    void hubAndProtocolImportNoTransportTypes() {
        noClasses()
                .that()
                .resideInAnyPackage("..channels.hub..", "..channels.protocol..", "..channels.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.servlet..",
                        "jakarta.websocket..",
                        "org.eclipse.jetty..",
                        "org.springframework.web..",
                        "org.springframework.http..")
                .check(CLASSES);
    }

    @Test
    void onlyTheWebSocketEdgeSpeaksJettysWebSocketApi() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..channels.ws..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.jetty.websocket..")
                .check(CLASSES);
    }

    @Test
    void onlyTheHttpEdgeTurnsRefusalsIntoStatuses() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..channels.http..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.http.HttpStatus")
                .check(CLASSES);
    }
}
