package org.evidencecds.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;

/**
 * Loads the evidence, compiles it, and builds the knowledge, refusing to run on rules that differ from
 * the committed {@code rules/generated} files: what runs is exactly what a reviewer can read.
 */
public final class KnowledgeLoader {

    private KnowledgeLoader() {
    }

    public static Knowledge load(Path evidenceDir, Path rulesDir) {
        List<EvidencePack> packs = PackLoader.loadAll(evidenceDir);
        List<RuleCompiler.CompiledPack> compiled = new ArrayList<>();
        for (EvidencePack pack : packs) {
            compiled.add(RuleCompiler.compile(pack));
        }
        List<String> stale = RuleFiles.check(rulesDir, compiled);
        if (!stale.isEmpty()) {
            throw new RuleCompilationException(stale);
        }
        return Knowledge.build(packs, compiled, RuleFiles.handWritten(rulesDir));
    }
}
