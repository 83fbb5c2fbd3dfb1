package org.evidencecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleCompilerTest {

    private static final Path MINI = Path.of("src/test/resources/packs/valid/mini-pack");

    /** The committed rules are exactly what the evidence compiles to (the build fails otherwise). */
    @Test
    void committedRulesAreUpToDateWithTheEvidence() {
        List<RuleCompiler.CompiledPack> compiled = PackLoader.loadAll(Path.of("evidence")).stream().map(RuleCompiler::compile).toList();
        assertThat(RuleFiles.check(Path.of("rules"), compiled))
                .as("rules/generated is out of date: run `java -jar target/evidence-cds.jar compile` and commit").isEmpty();
    }

    @Test
    void compilationIsDeterministicAndReadable() {
        EvidencePack pack = PackLoader.load(Path.of("evidence/dfu-cell-therapy"));
        RuleCompiler.CompiledPack a = RuleCompiler.compile(pack);
        RuleCompiler.CompiledPack b = RuleCompiler.compile(PackLoader.load(Path.of("evidence/dfu-cell-therapy")));
        assertThat(a.drl()).isEqualTo(b.drl());
        assertThat(a.rulesHash()).isEqualTo(b.rulesHash());
        assertThat(a.drl()).contains("rule \"dfu-cell-therapy/ulcer-healing/overall\"", "@estimate(\"4.64\")",
                "@doi(\"10.3389/fendo.2026.1763071\")", "ProfileValue( field == \"ulcerAreaCm2\", $v : value, value >= 10 )",
                "@evidenceHash(\"sha256:");
        assertThat(a.findings()).extracting(f -> f.id()).doesNotHaveDuplicates().hasSize(16);
    }

    @Test
    void checkFindsStaleMissingAndOrphanFiles(@TempDir Path rules) throws IOException {
        RuleCompiler.CompiledPack c = RuleCompiler.compile(PackLoader.load(MINI));
        assertThat(RuleFiles.check(rules, List.of(c))).singleElement().asString().contains("missing");
        RuleFiles.write(rules, List.of(c));
        assertThat(RuleFiles.check(rules, List.of(c))).isEmpty();
        Files.writeString(rules.resolve("generated/mini-pack.drl"), c.drl().replace("4.64", "4.65"));
        assertThat(RuleFiles.check(rules, List.of(c))).singleElement().asString().contains("out of date with evidence/mini-pack");
        Files.writeString(rules.resolve("generated/old-pack.drl"), "x");
        assertThat(RuleFiles.check(rules, List.of(c))).anyMatch(s -> s.contains("old-pack.drl: no evidence pack compiles to this file"));
    }

    @Test
    void contradictingFindingsAreRefused(@TempDir Path tmp) throws IOException {
        Path pack = copy(tmp, Map.of("reported_estimates.csv", text -> text
                + "heal-harm,healing,,,,numeric,OR,0.50,0.30,0.80,,,,,,,,rev,Table 2,\"OR 0.50\",extracted,\n"));
        RuleCompilationException e = catchThrowableOfType(() -> RuleCompiler.compile(PackLoader.load(pack)), RuleCompilationException.class);
        assertThat(e.problems()).containsExactly(
                "findings mini-pack/healing/overall/heal-all and mini-pack/healing/overall/heal-harm contradict each other: "
                        + "OR 4.64 (95% CI 3.11 to 6.90) vs OR 0.50 (95% CI 0.30 to 0.80)",
                "findings mini-pack/healing/overall/dose-high and mini-pack/healing/overall/heal-harm contradict each other: "
                        + "direction only: favours cell therapy (no estimate published) vs OR 0.50 (95% CI 0.30 to 0.80)");
    }

    @Test
    void aRuleThatCouldNeverFireAndAnUnknownProfileFieldAreRefused(@TempDir Path tmp) throws IOException {
        Path pack = copy(tmp, Map.of("dimensions.yaml", text -> text
                .replace("        upper: 10\n", "        upper: 2000\n").replace("        lower: 10\n", "        lower: 2000\n"),
                "conflicts.csv", text -> text.replace("lower,10,rev", "lower,2000,rev")));
        RuleCompilationException e = catchThrowableOfType(() -> RuleCompiler.compile(PackLoader.load(pack)), RuleCompilationException.class);
        assertThat(e.problems()).singleElement().asString().isEqualTo(
                "mini-pack/dimensions.yaml:32: rule for ulcer-area/ge-10-cm2 could never fire: [2000, ∞) lies outside the possible values of ulcerAreaCm2 [0, 1000]");
        Path other = copy(tmp.resolve("b"), Map.of("dimensions.yaml", text -> text.replace("profileField: ulcerAreaCm2", "profileField: woundAreaCm2")));
        RuleCompilationException f = catchThrowableOfType(() -> RuleCompiler.compile(PackLoader.load(other)), RuleCompilationException.class);
        assertThat(f.problems()).singleElement().asString().endsWith("dimension ulcer-area reads profile field woundAreaCm2, which the patient profile does not have");
    }

    /** Values the profile allows but no level covers are "outside the range", distinct from missing. */
    @Test
    void outsideTheRangeIsDistinctFromMissingAndFromNoEvidence(@TempDir Path tmp) throws IOException {
        Path pack = copy(tmp, Map.of("dimensions.yaml", text -> text.replaceFirst("        lower: 0\n", "        lower: 1\n"),
                "studies.csv", text -> text));
        EvidencePack p = PackLoader.load(pack);
        Knowledge k = Knowledge.build(List.of(p), Map.of());
        assertThat(RuleCompiler.compile(p).drl()).contains("rule \"mini-pack/outside/ulcer-area\"", "value < 1 )");
        EvidenceFacade facade = new EvidenceFacade(k);
        EvidenceReport.DimensionResult outside = facade.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 0.5))).packs().get(0).dimensions().get(0);
        assertThat(outside.status()).isEqualTo("outside-studied-range");
        assertThat(outside.input()).isEqualTo(0.5);
        assertThat(facade.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 0.5))).packs().get(0).caveats())
                .anyMatch(c -> c.code().equals("indirectness") && c.text().startsWith("The patient's ulcer area lies outside the range this evidence covers"));
        assertThat(facade.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 1))).packs().get(0).dimensions().get(0).level()).isEqualTo("lt-10-cm2");
        assertThat(facade.evaluate(PatientProfile.of(Map.of())).packs().get(0).dimensions().get(0).status()).isEqualTo("input-missing");
        assertThat(facade.evaluate(PatientProfile.of(Map.of("ageYears", 50))).packs().get(0).inputsWithoutEvidence())
                .singleElement().satisfies(w -> assertThat(w.status()).isEqualTo("no-evidence"));
    }

    interface Edit {
        String apply(String text);
    }

    /** A pack may not combine levels it declares incompatible: a stated protocol that does is refused by the compiler. */
    @Test
    void aProtocolCombiningIncompatibleLevelsIsRefused(@TempDir Path tmp) throws IOException {
        Path dfu = copyOf(tmp, Path.of("evidence/dfu-cell-therapy"), Map.of("pack.yaml", text -> text
                + "  - id: mixed\n    source: zhang2026\n    locator: made up for the test\n    snippet: \"x\"\n    status: verified\n"
                + "    elements: [cell-origin/autologous, cell-type/uc-msc]\n"));
        RuleCompilationException e = catchThrowableOfType(() -> RuleCompiler.compile(PackLoader.load(dfu)), RuleCompilationException.class);
        assertThat(e.problems()).singleElement().asString().startsWith("dfu-cell-therapy: protocol mixed (Zhang X et al. 2026) combines "
                + "cell-origin/autologous and cell-type/uc-msc, which the pack declares incompatible (dfu-cell-therapy/dimensions.yaml:");
    }

    /** A study row that combines incompatible levels contradicts the declaration: the loader refuses it, naming the cell. */
    @Test
    void aStudyRowCombiningIncompatibleLevelsIsRefused(@TempDir Path tmp) throws IOException {
        Path t2 = copyOf(tmp, Path.of("evidence/t2dm-msc"), Map.of("studies.csv", text -> text.replaceFirst("umbilical-cord,(.*?)allogeneic",
                "umbilical-cord,$1autologous")));
        var e = catchThrowableOfType(() -> PackLoader.load(t2), org.evidencecds.evidence.PackValidationException.class);
        assertThat(e.problems()).singleElement().asString().contains("t2dm-msc/studies.csv:", "cell_origin: combines "
                + "cell-origin/autologous and cell-source/umbilical-cord, which dimensions.yaml declares incompatible");
    }

    /**
     * Effect modification with moderate or high credibility makes a derived protocol, one per source; a review
     * restricted to one level never does, however favourable.
     */
    @Test
    void credibleEffectModificationDerivesAProtocolAndASingleLevelReviewNever(@TempDir Path tmp) throws IOException {
        Path credible = Path.of("src/test/resources/packs/valid/credible-subgroup");
        String withinTrial = "heal-auto,healing,cell-origin,autologous,,numeric,OR,8.33,5.0,14.0,<0.01,12,900,,,,,rev,Abstract,"
                + "\"OR = 8.33, P < 0.01\",verified,,0.003,within-trial";
        Path derived = copyOf(tmp.resolve("a"), credible, Map.of("reported_estimates.csv", text -> text.replaceFirst("heal-auto[^\n]*", withinTrial)));
        RuleCompiler.CompiledPack c = RuleCompiler.compile(PackLoader.load(derived));
        assertThat(c.protocols()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("derived-rev");
            assertThat(p.elements()).extracting(org.evidencecds.certainty.Protocols.Element::level).containsExactly("autologous");
            // within-trial, 12 trials, p 0.003, two modifiers; no a priori hypothesis: moderate
            assertThat(p.credibility()).isEqualTo(org.evidencecds.certainty.Credibility.Level.MODERATE);
        });
        assertThat(c.drl()).contains("rule \"credible-subgroup/protocol/derived-rev\"", "@credibility(\"moderate\")");
        Path single = copyOf(tmp.resolve("b"), credible, Map.of("reported_estimates.csv",
                text -> text.replaceFirst("heal-auto[^\n]*", withinTrial.replace("within-trial", "single-level"))));
        RuleCompiler.CompiledPack none = RuleCompiler.compile(PackLoader.load(single));
        assertThat(none.protocols()).isEmpty();
        assertThat(none.assessments().get("credible-subgroup/healing/cell-origin/autologous").credibility()).isNull();
    }

    private static Path copyOf(Path tmp, Path pack, Map<String, Edit> edits) throws IOException {
        Path dir = tmp.resolve(pack.getFileName().toString());
        Files.createDirectories(dir);
        for (String name : PackLoader.FILES) {
            String text = Files.readString(pack.resolve(name));
            Edit edit = edits.get(name);
            Files.writeString(dir.resolve(name), edit == null ? text : edit.apply(text));
        }
        return dir;
    }

    private static Path copy(Path tmp, Map<String, Edit> edits) throws IOException {
        return copyOf(tmp, MINI, edits);
    }
}
