package org.evidencecds.rules;

import java.util.List;

/** The pack cannot be compiled into rules; every problem found is listed. */
public final class RuleCompilationException extends RuntimeException {

    private final List<String> problems;

    public RuleCompilationException(List<String> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " compiling rules; first: " + problems.get(0));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
