package org.evidencecds.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.evidence.PackValidationException;
import org.evidencecds.evidence.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code validate}: load and check evidence packs; every problem as file:line:column: field: reason. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Load and check evidence packs.",
                "Prints one 'ok' line per pack, or every problem found as file:line:column: field: reason, and exits with code 2."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--evidence", paramLabel = "DIR", defaultValue = "evidence", description = "evidence folder (default: ${DEFAULT-VALUE})")
    Path evidence;

    @Parameters(paramLabel = "PACK_ID", arity = "0..*", description = "packs to check (default: all)")
    List<String> packIds = new ArrayList<>();

    @Override
    public Integer call() {
        if (!Files.isDirectory(evidence)) {
            throw new UsageException(evidence + ": evidence folder not found");
        }
        List<Problem> problems = new ArrayList<>();
        List<EvidencePack> packs = new ArrayList<>();
        if (packIds.isEmpty()) {
            try {
                packs.addAll(PackLoader.loadAll(evidence));
            } catch (PackValidationException e) {
                problems.addAll(e.problems());
            }
        } else {
            for (String id : packIds) {
                try {
                    packs.add(PackLoader.load(UsageException.requirePack(evidence.resolve(id))));
                } catch (PackValidationException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        for (EvidencePack p : packs) {
            spec.commandLine().getOut().printf("ok %s %s (%d studies, %d outcome rows, %d reported estimates, %d conflicts) %s%n",
                    p.id(), p.info().version(), p.studies().size(), p.studyOutcomes().size(), p.reportedEstimates().size(),
                    p.conflicts().size(), p.contentHash());
        }
        if (!problems.isEmpty()) {
            throw new PackValidationException(problems);
        }
        if (packs.isEmpty()) {
            throw new UsageException(evidence + ": no evidence packs found");
        }
        return 0;
    }
}
