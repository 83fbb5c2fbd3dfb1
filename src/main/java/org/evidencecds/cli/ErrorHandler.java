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
            cl.getErr().println("error: evidence pack refused, " + org.evidencecds.findings.EffectText.count(pve.problems().size(), "problem", "problems") + ":");
            pve.problems().forEach(p -> cl.getErr().println("  " + p));
            return BAD_INPUT;
        }
        if (ex instanceof org.evidencecds.rules.RuleCompilationException rce) {
            cl.getErr().println("error: rules refused, " + org.evidencecds.findings.EffectText.count(rce.problems().size(), "problem", "problems") + ":");
            rce.problems().forEach(p -> cl.getErr().println("  " + p));
            return BAD_INPUT;
        }
        if (ex instanceof org.evidencecds.profile.PatientProfile.InvalidProfileException ipe) {
            cl.getErr().println("error: invalid patient profile: " + String.join("; ", ipe.errors().stream().map(ErrorHandler::field).toList()));
            return BAD_INPUT;
        }
        cl.getErr().println("error: " + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        return FAILURE;
    }

    /**
     * A refused input as a person at the terminal gave it: the field's label and the option they typed
     * ("Ulcer area (--ulcer-area-cm2): must be between 0 and 1000 cm², got -4"), not the JSON field name.
     */
    static String field(org.evidencecds.profile.PatientProfile.FieldError e) {
        return org.evidencecds.profile.ProfileSchema.field(e.field())
                .map(f -> f.label() + " (" + f.cli().get(0) + ")")
                .orElse(e.field()) + ": " + e.reason();
    }
}
