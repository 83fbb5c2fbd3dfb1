package org.evidencecds.cli;

import org.evidencecds.evidence.PackValidationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns exceptions into a clear message and an exit code; never prints a stack trace to a user. */
final class ErrorHandler implements IExecutionExceptionHandler {

    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        if (ex instanceof UsageException) {
            cl.getErr().println("error: " + ex.getMessage());
            return BAD_INPUT;
        }
        if (ex instanceof PackValidationException pve) {
            cl.getErr().println("error: evidence pack refused, " + pve.problems().size() + " problem(s):");
            pve.problems().forEach(p -> cl.getErr().println("  " + p));
            return BAD_INPUT;
        }
        if (ex instanceof org.evidencecds.rules.RuleCompilationException rce) {
            cl.getErr().println("error: rules refused, " + rce.problems().size() + " problem(s):");
            rce.problems().forEach(p -> cl.getErr().println("  " + p));
            return BAD_INPUT;
        }
        if (ex instanceof org.evidencecds.profile.PatientProfile.InvalidProfileException ipe) {
            cl.getErr().println("error: invalid patient profile: " + ipe.getMessage());
            return BAD_INPUT;
        }
        cl.getErr().println("error: " + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        return FAILURE;
    }
}
