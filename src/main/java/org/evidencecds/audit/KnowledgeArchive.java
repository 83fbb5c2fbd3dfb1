package org.evidencecds.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.certainty.Assessor;
import org.evidencecds.findings.Finding;
import org.evidencecds.findings.Findings;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.RuleCompiler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps every knowledge version that answered a request: the evidence files of its packs and its
 * hand-written rules, enough to rebuild exactly that knowledge (the rebuilt version string, which hashes
 * all rule text, must equal the stored one) for replay and for diffs between versions.
 */
public final class KnowledgeArchive {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The pack's generated rules as they ran, stored beside its evidence files. */
    static final String GENERATED_DRL = "generated.drl";

    private final JdbcTemplate jdbc;

    public KnowledgeArchive(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Stores the version if it is not stored yet (the evidence is read from the pack folders). */
    public void retain(Knowledge k, Path evidenceDir) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM knowledge_version WHERE version = ?", Integer.class, k.version());
        if (n != null && n > 0) {
            return;
        }
        Map<String, Map<String, String>> packs = new TreeMap<>();
        for (EvidencePack p : k.packs()) {
            Map<String, String> files = new TreeMap<>();
            for (String name : PackLoader.FILES) {
                try {
                    files.put(name, Files.readString(evidenceDir.resolve(p.id()).resolve(name), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            k.compiled().stream().filter(c -> c.packId().equals(p.id())).findFirst()
                    .ifPresent(c -> files.put(GENERATED_DRL, c.drl()));
            if (!PackLoader.contentHash(evidenceDir.resolve(p.id())).equals(p.contentHash())) {
                throw new IllegalStateException("evidence/" + p.id() + " changed on disk since knowledge " + k.version() + " was built");
            }
            packs.put(p.id(), files);
        }
        try {
            jdbc.update("INSERT INTO knowledge_version (version, created_at, packs, hand_written) VALUES (?,?,?,?)", k.version(),
                    Timestamp.from(Instant.now()), JSON.writeValueAsString(packs), JSON.writeValueAsString(new TreeMap<>(k.handWritten())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // another process stored the same version meanwhile: nothing to do
        }
    }

    public List<String> versions() {
        return jdbc.queryForList("SELECT version FROM knowledge_version ORDER BY created_at, version", String.class);
    }

    /** Rebuilds a stored knowledge version; empty when it was never stored. */
    public Optional<Knowledge> load(String version) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT packs, hand_written FROM knowledge_version WHERE version = ?", version);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, Map<String, String>> packs = JSON.readValue(rows.get(0).get("packs").toString(), new TypeReference<>() {
            });
            Map<String, String> hand = JSON.readValue(rows.get(0).get("hand_written").toString(), new TypeReference<>() {
            });
            Path dir = Files.createTempDirectory("knowledge-");
            List<EvidencePack> loaded = new ArrayList<>();
            List<RuleCompiler.CompiledPack> compiled = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> p : packs.entrySet()) {
                Path packDir = Files.createDirectories(dir.resolve(p.getKey()));
                for (Map.Entry<String, String> f : p.getValue().entrySet()) {
                    if (!f.getKey().equals(GENERATED_DRL)) {
                        Files.writeString(packDir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                    }
                }
                EvidencePack pack = PackLoader.load(packDir);
                loaded.add(pack);
                // the rules exactly as they ran; findings and their assessments for display come from the evidence
                List<Finding> findings = Findings.of(pack);
                var assessments = new Assessor(pack).assessAll(findings);
                compiled.add(new RuleCompiler.CompiledPack(pack.id(), pack.info().version(), pack.contentHash(), pack.id() + ".drl",
                        p.getValue().get(GENERATED_DRL), findings, assessments,
                        org.evidencecds.certainty.Protocols.of(pack, findings, assessments)));
            }
            Knowledge k = Knowledge.build(loaded, compiled, hand);
            if (!k.version().equals(version)) {
                throw new IllegalStateException("stored knowledge " + version + " rebuilds as " + k.version() + ": the archive is damaged");
            }
            return Optional.of(k);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a trial's rules version if it is not stored yet: its protocol file, generated rules and verdict rules. */
    public void retainTrial(org.evidencecds.screening.Screener screener, String trialId) {
        org.evidencecds.screening.Screener.Trial t = screener.trial(trialId).orElseThrow();
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM trial_version WHERE version = ?", Integer.class, t.rulesVersion());
        if (n != null && n > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO trial_version (version, created_at, protocol, generated_drl, verdict_rules) VALUES (?,?,?,?,?)",
                    t.rulesVersion(), Timestamp.from(Instant.now()), Files.readString(Path.of(t.protocol().file()), StandardCharsets.UTF_8),
                    t.compiled().drl(), screener.verdictRules());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // another process stored the same version meanwhile
        }
    }

    /**
     * Rebuilds a stored trial rules version as a screener for that one trial (the protocol is validated
     * against {@code packIds}); empty when it was never stored. The rebuilt rules must hash to the version.
     */
    public Optional<org.evidencecds.screening.Screener> loadTrial(String version, java.util.Set<String> packIds) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT protocol, generated_drl, verdict_rules FROM trial_version WHERE version = ?", version);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String trialId = version.substring(0, version.indexOf('@'));
        try {
            Path dir = Files.createDirectories(Files.createTempDirectory("trial-").resolve(org.evidencecds.screening.ProtocolLoader.FOLDER));
            Path file = dir.resolve(trialId + ".yaml");
            Files.writeString(file, rows.get(0).get("protocol").toString(), StandardCharsets.UTF_8);
            org.evidencecds.screening.TrialProtocol protocol = org.evidencecds.screening.ProtocolLoader.load(file, packIds);
            org.evidencecds.screening.CriteriaCompiler.CompiledTrial stored = new org.evidencecds.screening.CriteriaCompiler.CompiledTrial(
                    protocol.id(), protocol.version(), protocol.id() + ".drl", rows.get(0).get("generated_drl").toString());
            org.evidencecds.screening.Screener screener = org.evidencecds.screening.Screener.build(List.of(protocol), List.of(stored),
                    rows.get(0).get("verdict_rules").toString());
            if (!screener.trial(trialId).orElseThrow().rulesVersion().equals(version)) {
                throw new IllegalStateException("stored trial rules " + version + " rebuild as "
                        + screener.trial(trialId).orElseThrow().rulesVersion() + ": the archive is damaged");
            }
            return Optional.of(screener);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
