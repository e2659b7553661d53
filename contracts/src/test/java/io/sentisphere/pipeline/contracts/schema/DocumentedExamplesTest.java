package io.sentisphere.pipeline.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the docs show is what the contract accepts: every JSON example marked
 * {@code <!-- schema: file -->} in the Markdown docs, and every request body of the README's
 * {@code curl} examples, validates against its schema. And no file of the repository refers to
 * anything outside it (the contract used to live in a folder beside the repository).
 */
class DocumentedExamplesTest {

    static final Path ROOT = Path.of("..");
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");
    static final Pattern MARKED =
            Pattern.compile("<!-- schema: ([a-z./-]+\\.json) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);
    static final Pattern CURL_BODY = Pattern.compile("body='(.*?)'(.*?)(?=body='|```)", Pattern.DOTALL);
    /** The old contract's folder and file (spelled in two parts so this file does not name them). */
    static final List<String> OUTSIDE = List.of("../" + "shared", "CONTRACTS" + ".md");

    static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".local-stack", "results");

    @Test
    void everyMarkedJsonExampleInTheDocsValidates() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path doc : markdown()) {
            Matcher example = MARKED.matcher(Files.readString(doc));
            while (example.find()) {
                checked++;
                String json = example.group(2).replaceAll("(?m)^ {2}", "");
                ContractSchemas.problems(example.group(1), json)
                        .forEach(p -> problems.add(doc + " (" + example.group(1) + "): " + p));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("marked examples").isGreaterThanOrEqualTo(4);
    }

    @Test
    void theReadmesRequestExamplesValidate() throws IOException {
        int checked = 0;
        for (Path doc : markdown()) {
            Matcher body = CURL_BODY.matcher(Files.readString(doc));
            while (body.find()) {
                String rest = body.group(2);
                ContractSchemas.Contract contract = rest.contains("/api/dashboard/notify-update")
                        ? ContractSchemas.Contract.NOTIFY_UPDATE_REQUEST
                        : rest.contains("/api/events") ? ContractSchemas.Contract.EVENTS_REQUEST : null;
                if (contract != null) {
                    assertThat(ContractSchemas.problems(contract, body.group(1)))
                            .as(doc + ": " + body.group(1))
                            .isEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).as("README request examples").isGreaterThanOrEqualTo(2);
    }

    @Test
    void noFileRefersToAnythingOutsideTheRepository() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(DocumentedExamplesTest::tracked)
                    .toList()) {
                String text;
                try {
                    text = Files.readString(file);
                } catch (MalformedInputException binary) {
                    continue;
                }
                if (OUTSIDE.stream().anyMatch(text::contains)) {
                    offenders.add(ROOT.relativize(file).toString());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void everyLinkInTheDocumentationResolvesInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : markdown()) {
            String text = Files.readString(doc).replaceAll("(?s)```.*?```", "");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^(https?|mailto):.*")) {
                    continue;
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved =
                        file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!resolved.toAbsolutePath()
                                .normalize()
                                .startsWith(ROOT.toAbsolutePath().normalize())
                        || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(doc) + ": " + target + " (no such file)");
                } else if (hash >= 0
                        && resolved.toString().endsWith(".md")
                        && !anchors(Files.readString(resolved)).contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(doc) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(checked).as("relative links checked").isGreaterThan(30);
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static List<String> anchors(String markdown) {
        List<String> anchors = new ArrayList<>();
        Matcher heading = HEADING.matcher(markdown.replaceAll("(?s)```.*?```", ""));
        while (heading.find()) {
            anchors.add(heading.group(1)
                    .trim()
                    .toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    static List<Path> markdown() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(DocumentedExamplesTest::tracked)
                    .filter(p -> p.toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }

    static boolean tracked(Path path) {
        for (Path part : ROOT.relativize(path)) {
            if (SKIPPED.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }
}
