package org.evidencecds.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.evidence.PackValidationException;
import org.evidencecds.evidence.Problem;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.RuleCompilationException;
import org.evidencecds.rules.RuleCompiler;
import org.evidencecds.rules.RuleFiles;
import org.evidencecds.screening.CriteriaCompiler;
import org.evidencecds.screening.ProtocolLoader;
import org.evidencecds.screening.Screener;
import org.evidencecds.screening.TrialProtocol;
import org.evidencecds.screening.TrialRules;

/**
 * Everything a server runs on, read from an evidence folder and a rules folder: the evidence packs (with
 * their knowledge) and the trial protocols (with their screener). Used at start-up and by a reload, so
 * both accept and refuse exactly the same folders.
 *
 * <p>The DRL is compiled from the evidence in memory and must equal the committed {@code rules/generated}
 * files (as {@code compile --check} requires): what runs is what a reviewer can read. Every problem is
 * collected, not just the first: pack and trial problems as {@code file:line:column: field: reason}, rules
 * out of date as the compiler's check reports them.
 */
public final class EvidenceDirectory {

    private EvidenceDirectory() {
    }

    /** The knowledge and the screener built from one evidence folder and one rules folder. */
    public record Loaded(Knowledge knowledge, Screener screener) {

        /** Each trial's rules version, in protocol order. */
        public List<String> trialVersions() {
            return screener.protocols().stream().map(p -> screener.trial(p.id()).orElseThrow().rulesVersion()).toList();
        }
    }

    /** The folders were refused; {@link #problems()} lists every problem found, one line each. */
    public static final class Refused extends RuntimeException {

        private final List<String> problems;

        public Refused(List<String> problems) {
            super(problems.size() + " problem(s) in the evidence; first: " + (problems.isEmpty() ? "-" : problems.get(0)));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * What the folders hold once read, compiled and checked, before any rule base is built: a start-up checks
     * the folders first (to refuse bad evidence before anything else starts) and then builds from this, so the
     * evidence is read and hashed once.
     */
    public record Checked(Path evidenceDir, Path rulesDir, List<EvidencePack> packs, List<RuleCompiler.CompiledPack> compiled,
                          List<TrialProtocol> protocols, List<CriteriaCompiler.CompiledTrial> trials, List<String> problems) {

        public Checked {
            packs = List.copyOf(packs);
            compiled = List.copyOf(compiled);
            protocols = List.copyOf(protocols);
            trials = List.copyOf(trials);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Every problem that would stop {@link #load}, without building the rule bases (fast: no Drools).
     * Empty when the folders can be loaded, short of an error in the hand-written rules.
     */
    public static List<String> problems(Path evidenceDir, Path rulesDir) {
        return check(evidenceDir, rulesDir).problems();
    }

    /** Reads, validates and compiles the folders and builds the rule bases; throws {@link Refused} with every problem. */
    public static Loaded load(Path evidenceDir, Path rulesDir) {
        return load(evidenceDir, rulesDir, null);
    }

    /**
     * As {@link #load(Path, Path)}, reusing what {@code running} already holds when the folders compile to
     * the same versions: the same knowledge version is the same evidence and rules (each pack's generated
     * rules name its evidence hash), and the same trials are the same protocols and rules. What is reused
     * is returned as the very same instance, so a caller can tell what changed by identity; no rule base
     * is built for it.
     */
    public static Loaded load(Path evidenceDir, Path rulesDir, Loaded running) {
        return load(check(evidenceDir, rulesDir), running);
    }

    /** Builds the rule bases from folders already checked ({@link #check}); throws {@link Refused} with every problem. */
    public static Loaded load(Checked c, Loaded running) {
        Path rulesDir = c.rulesDir();
        if (!c.problems().isEmpty()) {
            throw new Refused(c.problems());
        }
        List<String> problems = new ArrayList<>();
        Knowledge knowledge = null;
        Screener screener = null;
        Map<String, String> handWritten = RuleFiles.handWritten(rulesDir);
        if (running != null && running.knowledge().version().equals(Knowledge.version(c.compiled(), handWritten))) {
            knowledge = running.knowledge();
        } else {
            try {
                knowledge = Knowledge.build(c.packs(), c.compiled(), handWritten);
            } catch (RuleCompilationException e) {
                problems.addAll(e.problems());
            }
        }
        String verdictRules = TrialRules.handWritten(rulesDir);
        List<String> trialVersions = new ArrayList<>();
        for (int i = 0; i < c.protocols().size(); i++) {
            trialVersions.add(Screener.rulesVersion(c.protocols().get(i), c.trials().get(i), verdictRules));
        }
        if (running != null && running.trialVersions().equals(trialVersions) && running.screener().protocols().equals(c.protocols())) {
            screener = running.screener();
        } else {
            try {
                // a reload keeps the running screener's cache bounds (the server's configuration)
                screener = running == null ? Screener.build(c.protocols(), c.trials(), verdictRules)
                        : Screener.build(c.protocols(), c.trials(), verdictRules, running.screener().cacheLimits());
            } catch (RuleCompilationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return new Loaded(knowledge, screener);
    }

    /** Reads, validates and compiles the folders, collecting every problem, without building any rule base (no Drools). */
    public static Checked check(Path evidenceDir, Path rulesDir) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(evidenceDir)) {
            problems.add(new Problem(evidenceDir.toString(), 0, 0, "evidence.dir", "evidence folder not found").toString());
            return new Checked(evidenceDir, rulesDir, List.of(), List.of(), List.of(), List.of(), problems);
        }
        if (!Files.isDirectory(rulesDir)) {
            problems.add(new Problem(rulesDir.toString(), 0, 0, "rules.dir", "rules folder not found").toString());
        }
        List<EvidencePack> packs = List.of();
        boolean packsOk = false;
        try {
            packs = PackLoader.loadAll(evidenceDir);
            packsOk = true;
            if (packs.isEmpty()) {
                problems.add(new Problem(evidenceDir.toString(), 0, 0, "evidence.dir", "no evidence packs found (no folder with a "
                        + PackLoader.PACK_FILE + ")").toString());
            }
        } catch (PackValidationException e) {
            e.problems().forEach(p -> problems.add(p.toString()));
        }
        // trials are checked against every pack folder, loaded or not, so that a broken pack is reported once
        List<TrialProtocol> protocols = List.of();
        boolean trialsOk = false;
        try {
            protocols = ProtocolLoader.loadAll(evidenceDir, packFolders(evidenceDir));
            trialsOk = true;
        } catch (PackValidationException e) {
            e.problems().forEach(p -> problems.add(p.toString()));
        }
        List<RuleCompiler.CompiledPack> compiled = new ArrayList<>();
        List<CriteriaCompiler.CompiledTrial> trials = new ArrayList<>();
        if (Files.isDirectory(rulesDir)) {
            // rules are compared only for what loaded: a pack that failed would show as a left-over file
            if (packsOk) {
                try {
                    packs.forEach(p -> compiled.add(RuleCompiler.compile(p)));
                    problems.addAll(RuleFiles.check(rulesDir, compiled));
                } catch (RuleCompilationException e) {
                    problems.addAll(e.problems());
                }
            }
            if (trialsOk) {
                try {
                    protocols.forEach(p -> trials.add(CriteriaCompiler.compile(p)));
                    problems.addAll(TrialRules.check(rulesDir, trials));
                } catch (RuleCompilationException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        return new Checked(evidenceDir, rulesDir, packs, compiled, protocols, trials, problems);
    }

    private static Set<String> packFolders(Path evidenceDir) {
        try (Stream<Path> children = Files.list(evidenceDir)) {
            return children.filter(p -> Files.isRegularFile(p.resolve(PackLoader.PACK_FILE))).map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            return new TreeSet<>();
        }
    }
}
