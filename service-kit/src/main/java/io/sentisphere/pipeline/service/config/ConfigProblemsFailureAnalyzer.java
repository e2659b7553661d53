package io.sentisphere.pipeline.service.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link ConfigProblems} into Spring Boot's short start-up failure report, without a stack trace. */
public final class ConfigProblemsFailureAnalyzer extends AbstractFailureAnalyzer<ConfigProblems> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigProblems cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set the environment variables listed above (see the configuration table in README.md).",
                cause);
    }
}
