package org.evidencecds.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;

/**
 * Loads the evidence, compiles it, and builds the knowledge, refusing to run on rules that differ from
 * the committed {@code rules/generated} files: what runs is exactly what a reviewer can read.
 */
public final class KnowledgeLoader {

    private KnowledgeLoader() {
    }

    /** The evidence read and compiled, checked against the committed rules, before any rule base is built. */
    public record Prepared(List<EvidencePack> packs, List<RuleCompiler.CompiledPack> compiled, Map<String, String> handWritten) {

        public String version() {
            return Knowledge.version(compiled, handWritten);
        }

        /** The rule files the knowledge is built from (what the build precompiles). */
        public RuleBases.RuleSet ruleSet() {
            return Knowledge.ruleSet(version(), compiled, handWritten);
        }

        public Knowledge build() {
            return Knowledge.build(packs, compiled, handWritten);
        }
    }

    public static Knowledge load(Path evidenceDir, Path rulesDir) {
        return prepare(evidenceDir, rulesDir).build();
    }

    /** Reads and compiles the evidence; throws {@link RuleCompilationException} when rules/generated is out of date with it. */
    public static Prepared prepare(Path evidenceDir, Path rulesDir) {
        List<EvidencePack> packs = PackLoader.loadAll(evidenceDir);
        List<RuleCompiler.CompiledPack> compiled = new ArrayList<>();
        for (EvidencePack pack : packs) {
            compiled.add(RuleCompiler.compile(pack));
        }
        List<String> stale = RuleFiles.check(rulesDir, compiled);
        if (!stale.isEmpty()) {
            throw new RuleCompilationException(stale);
        }
        return new Prepared(packs, compiled, RuleFiles.handWritten(rulesDir));
    }
}
