package org.evidencecds.evidence;

import java.util.List;

/** The whole pack was refused; {@link #problems()} lists every problem found, not just the first. */
public final class PackValidationException extends RuntimeException {

    private final List<Problem> problems;

    public PackValidationException(List<Problem> problems) {
        super(problems.size() + " problem(s) in evidence pack; first: " + (problems.isEmpty() ? "-" : problems.get(0)));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
