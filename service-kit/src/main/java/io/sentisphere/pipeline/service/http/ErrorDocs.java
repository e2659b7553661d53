package io.sentisphere.pipeline.service.http;

import io.sentisphere.pipeline.service.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Compares a service's error codes with the statuses its documents give them: an OpenAPI document
 * whose response components list their codes in {@code x-error-codes}, or a Markdown table
 * {@code | `code` | status |} between {@code <!-- error-codes -->} and {@code <!-- /error-codes -->}.
 * Each service's test walks every code of its catalogue through {@link #problems}.
 *
 * <p>Needs SnakeYAML on the classpath for OpenAPI documents (tests only).
 */
public final class ErrorDocs {

    private static final Pattern ROW = Pattern.compile("(?m)^\\|\\s*`([a-z0-9_]+)`\\s*\\|\\s*(\\d{3})\\s*\\|");

    private ErrorDocs() {}

    /** Code → documented statuses, from every path response that refers to a component with codes. */
    @SuppressWarnings("unchecked")
    public static Map<String, Set<Integer>> fromOpenApi(Path document) {
        Map<String, Object> root = new Yaml().load(read(document));
        Map<String, Object> components =
                (Map<String, Object>) ((Map<String, Object>) root.get("components")).get("responses");
        Map<String, Set<Integer>> statuses = new TreeMap<>();
        for (Object pathItem : ((Map<String, Object>) root.get("paths")).values()) {
            for (Object operation : ((Map<String, Object>) pathItem).values()) {
                if (!(operation instanceof Map<?, ?> op) || !(op.get("responses") instanceof Map<?, ?> responses)) {
                    continue;
                }
                for (Map.Entry<?, ?> response : responses.entrySet()) {
                    if (!(response.getValue() instanceof Map<?, ?> value)
                            || !(value.get("$ref") instanceof String ref)) {
                        continue;
                    }
                    Object component = components.get(ref.substring(ref.lastIndexOf('/') + 1));
                    if (component instanceof Map<?, ?> c && c.get("x-error-codes") instanceof List<?> codes) {
                        int status = Integer.parseInt(String.valueOf(response.getKey()));
                        codes.forEach(code -> statuses.computeIfAbsent(String.valueOf(code), k -> new TreeSet<>())
                                .add(status));
                    }
                }
            }
        }
        return statuses;
    }

    /** Code → documented status, from the marked Markdown table. */
    public static Map<String, Set<Integer>> fromMarkdown(Path document) {
        String text = read(document);
        int begin = text.indexOf("<!-- error-codes -->");
        int end = text.indexOf("<!-- /error-codes -->");
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(document + " has no <!-- error-codes --> table");
        }
        Map<String, Set<Integer>> statuses = new TreeMap<>();
        Matcher row = ROW.matcher(text.substring(begin, end));
        while (row.find()) {
            statuses.computeIfAbsent(row.group(1), k -> new TreeSet<>()).add(Integer.parseInt(row.group(2)));
        }
        return statuses;
    }

    /**
     * Every code whose status under {@link ErrorResponses#status} is not exactly its documented one,
     * and every documented code that is not in {@code codes}; empty when they agree.
     */
    public static List<String> problems(List<? extends ErrorCode> codes, Map<String, Set<Integer>> documented) {
        List<String> problems = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        for (ErrorCode code : codes) {
            known.add(code.code());
            int status = ErrorResponses.status(code.kind()).value();
            Set<Integer> expected = documented.get(code.code());
            if (expected == null) {
                problems.add(code.code() + " (" + status + ") is not documented");
            } else if (!expected.equals(Set.of(status))) {
                problems.add(code.code() + " answers " + status + ", documented as " + expected);
            }
        }
        documented.keySet().stream()
                .filter(code -> !known.contains(code))
                .forEach(code -> problems.add(code + " is documented but no error has it"));
        return problems;
    }

    private static String read(Path document) {
        try {
            return Files.readString(document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
