package io.sentisphere.pipeline.service.http;

import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a service's OpenAPI document at {@code GET /openapi.yaml} and the JSON Schemas it
 * references at {@code GET /schemas/...}, straight from the contract on the classpath (the
 * repository's {@code docs/}, packaged by the contracts module), so the document a client reads is
 * the one the tests check. The document's relative {@code $ref}s ({@code ../schemas/x.json})
 * resolve against the served URL to {@code /schemas/x.json}.
 *
 * <pre>curl http://127.0.0.1:8081/openapi.yaml</pre>
 *
 * Declared by each service as a bean with its document's name. Only schema paths of letters,
 * digits, {@code . _ - /} and no {@code ..} are served; anything else is 404.
 */
@RestController
public class ContractEndpoint {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private static final Pattern SCHEMA_PATH = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)*\\.json");
    private static final String ROOT = "contract/";

    private final String document;

    /** @param service the document's name under {@code docs/openapi/}, e.g. {@code ingest-service} */
    public ContractEndpoint(String service) {
        this.document = ROOT + "openapi/" + service + ".yaml";
        if (!new ClassPathResource(document).exists()) {
            throw new IllegalStateException(document + " is not on the classpath (is the contracts jar built?)");
        }
    }

    @GetMapping("/openapi.yaml")
    public ResponseEntity<Resource> openApi() {
        return ResponseEntity.ok().contentType(YAML).body(new ClassPathResource(document));
    }

    @GetMapping("/schemas/{*path}")
    public ResponseEntity<Resource> schema(@PathVariable String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        ClassPathResource resource = new ClassPathResource(ROOT + "schemas/" + relative);
        if (!SCHEMA_PATH.matcher(relative).matches() || relative.contains("..") || !resource.exists()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/schema+json"))
                .body(resource);
    }
}
