package org.evidencecds.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The subcommands by name; each one lives in its own class in this package. */
final class Commands {

    private Commands() {
    }

    /**
     * Every subcommand, by the name its {@code @Command} gives it ({@code CommandsTest} checks that they agree),
     * made only when asked for: a command run alone needs only its own class looked at by picocli.
     */
    static Map<String, Supplier<Object>> byName() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("meta", MetaCommand::new);
        all.put("validate", ValidateCommand::new);
        all.put("reconcile", ReconcileCommand::new);
        all.put("bench", BenchCommand::new);
        all.put("compile", CompileCommand::new);
        all.put("evaluate", EvaluateCommand::new);
        all.put("provenance", ProvenanceCommand::new);
        all.put("export", ExportCommand::new);
        all.put("import", ImportCommand::new);
        all.put("audit", AuditCommand::new);
        all.put("diff", DiffCommand::new);
        all.put("screen", ScreenCommand::new);
        all.put("cds-token", CdsTokenCommand::new);
        all.put("knowledge", KnowledgeCommand::new);
        all.put("hash-password", HashPasswordCommand::new);
        return all;
    }
}
