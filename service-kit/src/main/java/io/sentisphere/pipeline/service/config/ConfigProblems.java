package io.sentisphere.pipeline.service.config;

import java.util.List;

/**
 * Thrown once at start-up when a service's configuration is invalid; lists every problem, so an
 * operator fixes them all in one go instead of one restart per mistake. Never carries a secret.
 */
public final class ConfigProblems extends RuntimeException {

    private final String service;
    private final List<String> problems;

    public ConfigProblems(String service, List<String> problems) {
        super(service + " configuration is invalid:\n  - " + String.join("\n  - ", problems));
        this.service = service;
        this.problems = List.copyOf(problems);
    }

    public String service() {
        return service;
    }

    public List<String> problems() {
        return problems;
    }
}
