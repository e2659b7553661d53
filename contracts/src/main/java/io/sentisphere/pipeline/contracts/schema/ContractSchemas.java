package io.sentisphere.pipeline.contracts.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's JSON Schemas (2020-12, {@code docs/schemas/}, on the classpath under
 * {@code contract/schemas/}), ready to validate a document: what tests use to prove that every
 * record the services write, and every example the docs show, matches the contract. Analysts may
 * use it the same way.
 *
 * <p>Needs {@code com.networknt:json-schema-validator} on the classpath (an optional dependency of
 * this module: the services never validate against schemas at run time). References between the
 * schema files are resolved from the classpath, never from the network.
 */
public final class ContractSchemas {

    /** The schemas a document can be checked against. */
    public enum Contract {
        EVENT_ENVELOPE("event-envelope.json"),
        EVENTS_REQUEST("events-request.json"),
        NOTIFY_UPDATE_REQUEST("notify-update-request.json"),
        DASHBOARD_STATS("dashboard-stats.json"),
        STATS_UPDATE("stats-update.json"),
        DASHBOARD_UPDATED("dashboard-updated.json");

        private final String file;

        Contract(String file) {
            this.file = file;
        }

        /** The schema's path under {@code docs/schemas/}. */
        public String file() {
            return file;
        }
    }

    /** Classpath folder holding {@code docs/} as packaged by this module. */
    public static final String CLASSPATH_ROOT = "contract/";

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private ContractSchemas() {}

    /** Every way {@code json} breaks the schema, as "location: message" lines; empty when it is valid. */
    public static List<String> problems(Contract contract, String json) {
        return problems(contract.file(), json);
    }

    /** As {@link #problems(Contract, String)} for any schema file under {@code docs/schemas/}. */
    public static List<String> problems(String schemaFile, String json) {
        Schema schema = SCHEMAS.computeIfAbsent(
                schemaFile,
                file -> REGISTRY.getSchema(SchemaLocation.of("classpath:" + CLASSPATH_ROOT + "schemas/" + file)));
        return schema.validate(json, InputFormat.JSON).stream()
                .map(ContractSchemas::describe)
                .toList();
    }

    /** Every way {@code schemaJson} breaks the JSON Schema 2020-12 meta-schema; empty when it is a valid schema. */
    public static List<String> metaSchemaProblems(String schemaJson) {
        Schema meta = SCHEMAS.computeIfAbsent("$meta", k -> REGISTRY.getSchema(SchemaLocation.of(META_SCHEMA)));
        return meta.validate(schemaJson, InputFormat.JSON).stream()
                .map(ContractSchemas::describe)
                .toList();
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }
}
