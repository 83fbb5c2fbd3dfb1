package org.evidencecds.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads an evidence pack (format: {@code evidence/FORMAT.md}) and validates all of it. The whole pack is
 * refused with a {@link PackValidationException} listing every problem as {@code file:line:column:
 * field: reason}; a pack that loads is complete and consistent.
 *
 * <p>Each file has its own reader, so that one file's rules can be read in one place: {@link PackYamlReader},
 * {@link DimensionsReader}, {@link StudiesReader}, {@link StudyOutcomesReader}, {@link ReportedEstimatesReader}
 * and {@link ConflictsReader}. They share one {@link PackReading}, which collects the problems of every file
 * and holds what the files read so far contain.
 */
public final class PackLoader {

    public static final String PACK_FILE = "pack.yaml";
    public static final String DIMENSIONS_FILE = "dimensions.yaml";
    public static final String STUDIES_FILE = "studies.csv";
    public static final String OUTCOMES_FILE = "study_outcomes.csv";
    public static final String ESTIMATES_FILE = "reported_estimates.csv";
    public static final String CONFLICTS_FILE = "conflicts.csv";
    /** Files that make up a pack, in the order they are hashed. */
    public static final List<String> FILES = List.of(PACK_FILE, DIMENSIONS_FILE, STUDIES_FILE, OUTCOMES_FILE,
            ESTIMATES_FILE, CONFLICTS_FILE);

    private PackLoader() {
    }

    /** Loads every pack (each subfolder holding a pack.yaml) under the evidence root, sorted by id. */
    public static List<EvidencePack> loadAll(Path evidenceRoot) {
        List<Path> dirs;
        try (Stream<Path> children = Files.list(evidenceRoot)) {
            dirs = children.filter(p -> Files.isRegularFile(p.resolve(PACK_FILE))).sorted().toList();
        } catch (IOException e) {
            throw new PackValidationException(List.of(new Problem(evidenceRoot.toString(), 0, 0, "evidence",
                    "cannot list the evidence folder: " + e.getMessage())));
        }
        List<Problem> problems = new ArrayList<>();
        List<EvidencePack> packs = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                packs.add(load(dir));
            } catch (PackValidationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new PackValidationException(problems);
        }
        return packs;
    }

    /** Loads and validates one pack folder. */
    public static EvidencePack load(Path packDir) {
        PackReading reading = new PackReading(packDir);
        // In this order: a file's references are checked against the files read before it (sources and outcomes
        // from pack.yaml, levels from dimensions.yaml, ...), and conflicts.csv is checked against all of them.
        new PackYamlReader(reading).read();
        new DimensionsReader(reading).read();
        new StudiesReader(reading).read();
        new StudyOutcomesReader(reading).read();
        new ReportedEstimatesReader(reading).read();
        new ConflictsReader(reading).read();
        reading.refuseIfProblems();
        return reading.pack(contentHash(packDir));
    }

    /** SHA-256 over the pack's files (name, newline, content with line endings normalised), in a fixed order. */
    public static String contentHash(Path packDir) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : FILES) {
                Path file = packDir.resolve(name);
                digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
                if (Files.isRegularFile(file)) {
                    String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
                    digest.update(text.getBytes(StandardCharsets.UTF_8));
                }
                digest.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new PackValidationException(List.of(new Problem(packDir.toString(), 0, 0, "files", "cannot read: " + e.getMessage())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
