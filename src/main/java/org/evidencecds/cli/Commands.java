package org.evidencecds.cli;

import java.util.List;

/** The list of subcommands; each one lives in its own class in this package. */
final class Commands {

    private Commands() {
    }

    static List<Object> all() {
        return List.of(new MetaCommand(), new ValidateCommand(), new ReconcileCommand(), new BenchCommand(), new CompileCommand(), new EvaluateCommand(), new ProvenanceCommand(), new ExportCommand(), new ImportCommand(), new AuditCommand(), new DiffCommand(), new ScreenCommand(), new CdsTokenCommand(), new KnowledgeCommand(), new HashPasswordCommand());
    }
}
