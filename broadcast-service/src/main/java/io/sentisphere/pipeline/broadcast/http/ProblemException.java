package io.sentisphere.pipeline.broadcast.http;

/** Carries an {@link ApiProblem} out of a handler to {@link ErrorResponses}. */
final class ProblemException extends RuntimeException {

    private final ApiProblem problem;

    ProblemException(ApiProblem problem) {
        super(problem.code(), null, false, false);
        this.problem = problem;
    }

    ApiProblem problem() {
        return problem;
    }
}
