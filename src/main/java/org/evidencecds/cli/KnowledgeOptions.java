package org.evidencecds.cli;

import java.nio.file.Path;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.KnowledgeLoader;
import picocli.CommandLine.Option;

/** Where the evidence and the rules are, shared by the commands that build the knowledge. */
final class KnowledgeOptions {

    static final String DEFAULT_EVIDENCE = "evidence";
    static final String DEFAULT_RULES = "rules";

    @Option(names = "--evidence", paramLabel = "DIR", defaultValue = DEFAULT_EVIDENCE, description = "evidence folder (default: ${DEFAULT-VALUE})")
    Path evidence;

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = DEFAULT_RULES, description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    /** The knowledge built from the evidence, refused if rules/generated is out of date with it. */
    Knowledge load() {
        return KnowledgeLoader.load(evidence, rules);
    }
}
