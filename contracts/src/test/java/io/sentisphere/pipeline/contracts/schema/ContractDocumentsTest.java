package io.sentisphere.pipeline.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The machine-readable contract under {@code docs/}: the OpenAPI documents parse with a real
 * parser (swagger-parser) with every reference resolved; every {@code $ref} of every document
 * points at a file and a node that exist; every schema is a valid JSON Schema 2020-12; and the
 * examples the OpenAPI documents show validate against their schemas. (The AsyncAPI document is
 * parsed with the AsyncAPI project's own parser in js-clients.)
 */
class ContractDocumentsTest {

    static final Path DOCS = Path.of("../docs");
    static final ObjectMapper YAML = YAMLMapper.builder().build();
    static final ObjectMapper JSON = JsonMapper.builder().build();

    static Stream<Path> openApiDocuments() throws IOException {
        return Files.list(DOCS.resolve("openapi"))
                .filter(p -> p.toString().endsWith(".yaml"))
                .sorted();
    }

    static Stream<Path> everyDocument() throws IOException {
        return Files.walk(DOCS)
                .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
                .sorted();
    }

    static Stream<Path> schemas() throws IOException {
        return Files.walk(DOCS.resolve("schemas"))
                .filter(p -> p.toString().endsWith(".json"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("openApiDocuments")
    void openApiDocumentParsesAsOpenApi31WithEveryReferenceResolved(Path document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result =
                new OpenAPIParser().readLocation(document.toUri().toString(), null, options);

        assertThat(result.getMessages()).as(document + " parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/health", "/metrics", "/openapi.yaml");
    }

    @ParameterizedTest
    @MethodSource("everyDocument")
    void everyReferencePointsAtAnExistingFileAndNode(Path document) throws IOException {
        List<String> broken = new ArrayList<>();
        JsonNode root = read(document);
        collectRefs(root, refs -> {
            String file = refs.contains("#") ? refs.substring(0, refs.indexOf('#')) : refs;
            String pointer = refs.contains("#") ? refs.substring(refs.indexOf('#') + 1) : "";
            Path target = file.isEmpty()
                    ? document
                    : document.getParent().resolve(file).normalize();
            if (file.startsWith("http:") || file.startsWith("https:")) {
                broken.add(refs + " (points outside the repository)");
            } else if (!Files.isRegularFile(target)) {
                broken.add(refs + " (no file " + target + ")");
            } else if (!pointer.isEmpty() && read(target).at(pointer).isMissingNode()) {
                broken.add(refs + " (no node " + pointer + " in " + target + ")");
            }
        });
        assertThat(broken).as("broken $ref in " + document).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void everySchemaIsAValidJsonSchema202012(Path schema) throws IOException {
        assertThat(ContractSchemas.metaSchemaProblems(Files.readString(schema)))
                .as(schema.toString())
                .isEmpty();
    }

    @Test
    void theOpenApiExamplesMatchTheirSchemas() throws IOException {
        JsonNode ingest = read(DOCS.resolve("openapi/ingest-service.yaml"));
        JsonNode notify =
                ingest.at("/paths/~1api~1dashboard~1notify-update/post/requestBody/content/application~1json/example");
        JsonNode events = ingest.at("/paths/~1api~1events/post/requestBody/content/application~1json/example");

        assertThat(ContractSchemas.problems(
                        ContractSchemas.Contract.NOTIFY_UPDATE_REQUEST, JSON.writeValueAsString(notify)))
                .isEmpty();
        assertThat(ContractSchemas.problems(ContractSchemas.Contract.EVENTS_REQUEST, JSON.writeValueAsString(events)))
                .isEmpty();
    }

    @Test
    void schemasRejectWhatTheyMust() {
        String checkin = "{\"id\":\"e\",\"type\":\"checkin.created\",\"occurred_at\":\"2026-11-25T10:00:00Z\",\"data\":"
                + "{\"checkin_id\":1,\"user_id\":2,\"mood_level\":\"Meh\",\"energy_level\":\"Low\",\"stress_level\":\"Moderate\"}}";

        assertThat(ContractSchemas.problems(ContractSchemas.Contract.EVENT_ENVELOPE, checkin))
                .isEmpty();
        assertThat(ContractSchemas.problems(
                        ContractSchemas.Contract.EVENT_ENVELOPE, checkin.replace("\"Meh\"", "\"Sad\"")))
                .isNotEmpty();
        assertThat(ContractSchemas.problems(
                        ContractSchemas.Contract.EVENT_ENVELOPE, checkin.replace("\"checkin_id\":1,", "")))
                .isNotEmpty();
        assertThat(ContractSchemas.problems(
                        ContractSchemas.Contract.EVENT_ENVELOPE, checkin.replace("checkin.created", "checkin.deleted")))
                .isNotEmpty();
        assertThat(ContractSchemas.problems(ContractSchemas.Contract.EVENTS_REQUEST, "[]"))
                .isNotEmpty();
        assertThat(ContractSchemas.problems(
                        ContractSchemas.Contract.EVENTS_REQUEST,
                        "[" + checkin.replace("checkin.created", "dashboard.refresh_requested") + "]"))
                .isNotEmpty();
    }

    static JsonNode read(Path file) {
        try {
            return file.toString().endsWith(".json") ? JSON.readTree(file.toFile()) : YAML.readTree(file.toFile());
        } catch (RuntimeException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void collectRefs(JsonNode node, java.util.function.Consumer<String> sink) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref") && entry.getValue().isString()) {
                    sink.accept(entry.getValue().asString());
                } else {
                    collectRefs(entry.getValue(), sink);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, sink));
        }
    }
}
