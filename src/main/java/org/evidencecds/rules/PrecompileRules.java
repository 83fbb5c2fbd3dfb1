package org.evidencecds.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackValidationException;
import org.evidencecds.screening.Screener;

/**
 * Build step (Maven {@code process-classes}, no Spring): precompiles the rules of the evidence and rules folders
 * into executable models, so that the application loads them instead of compiling DRL at start-up (see
 * {@link RuleBases}). The DRL sets are made by the same code the application loads with ({@link KnowledgeLoader},
 * {@link Screener}), so they are the same byte for byte and a model is found by its key.
 *
 * <p>Writes {@code <key>.kjar} per rule set and {@code index.properties} into the output folder, and removes
 * models of rules no longer there. A model whose inputs (its DRL, the fact classes the DRL imports, the Drools
 * version) are unchanged since the last build is kept, not rebuilt. Exits with 1, failing the build, when the
 * rules do not build. Evidence that cannot be loaded, or rules/generated out of date with it, is reported and
 * gets no model: the application refuses such folders anyway, and the jar must still build so that its
 * {@code validate} and {@code compile} commands can be run.
 *
 * <p>Usage: {@code PrecompileRules <evidence dir> <rules dir> <output dir>}
 */
public final class PrecompileRules {

    /** Changes when what this class writes changes, so that every model is rebuilt once. */
    private static final String FORMAT = "1";

    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?([\\w.$]+)\\s*;");

    private PrecompileRules() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: PrecompileRules <evidence dir> <rules dir> <output dir>");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        } catch (RuleCompilationException e) {
            System.err.println("precompile rules: the rules do not build:");
            e.problems().forEach(p -> System.err.println("  " + p));
            System.exit(1);
        }
    }

    /**
     * Precompiles every rule set of the folders into {@code out}; returns the index written. When nothing the
     * models depend on changed since the last build (see {@link #fingerprint}), the models are kept as they are
     * without reading the evidence.
     */
    public static RuleBases.Index run(Path evidenceDir, Path rulesDir, Path out) {
        long start = System.nanoTime();
        String drools = RuleBases.droolsVersion();
        String fingerprint = fingerprint(rulesDir, drools);
        Previous before = previous(out);
        if (fingerprint.equals(before.fingerprint()) && before.models().keySet().stream().allMatch(k -> Files.isRegularFile(out.resolve(k + ".kjar")))) {
            System.out.printf("precompile rules: %s unchanged since the last build: %d model(s) kept in %s (%.1f s)%n", rulesDir,
                    before.models().size(), out, (System.nanoTime() - start) / 1e9);
            return new RuleBases.Index(out.resolve("index.properties").toUri().toString(), drools, before.models(), fingerprint);
        }
        List<RuleBases.RuleSet> sets = ruleSets(evidenceDir, rulesDir);
        Map<String, RuleBases.Model> models = new TreeMap<>();
        try {
            Files.createDirectories(out);
            for (RuleBases.RuleSet set : sets) {
                String key = set.key();
                String releaseId = RuleBases.coordinates(set.modelReleaseId(org.kie.api.KieServices.Factory.get()));
                RuleBases.Model model = new RuleBases.Model(key, set.name(), releaseId, inputs(set, releaseId, drools));
                Path kjar = out.resolve(key + ".kjar");
                RuleBases.Model old = before.models().get(key);
                if (old != null && old.equals(model) && Files.isRegularFile(kjar)) {
                    System.out.println("precompile rules: " + set.name() + ": unchanged");
                } else {
                    long t = System.nanoTime();
                    byte[] bytes = RuleBases.executableModel(set);
                    requireModelClasses(set, bytes);
                    Files.write(kjar, bytes);
                    System.out.printf("precompile rules: %s: executable model built in %.1f s (%,d bytes)%n", set.name(), (System.nanoTime() - t) / 1e9,
                            bytes.length);
                }
                models.put(key, model);
            }
            try (Stream<Path> files = Files.list(out)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".kjar")).toList()) {
                    String key = f.getFileName().toString().replaceFirst("\\.kjar$", "");
                    if (!models.containsKey(key)) {
                        Files.delete(f);
                    }
                }
            }
            // with no model for some rules (their folders refused), the next build looks again
            boolean complete = !sets.isEmpty() && sets.size() == expected(evidenceDir);
            RuleBases.Index index = new RuleBases.Index(out.resolve("index.properties").toUri().toString(), drools, models, complete ? fingerprint : null);
            Files.writeString(out.resolve("index.properties"), index.text(), StandardCharsets.UTF_8);
            System.out.printf("precompile rules: %d model(s) in %s (%.1f s)%n", models.size(), out, (System.nanoTime() - start) / 1e9);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rule sets the application builds from these folders: the knowledge, then each trial. Folders the
     * application would refuse (a pack that does not load, rules/generated out of date) give no set, with a warning.
     */
    public static List<RuleBases.RuleSet> ruleSets(Path evidenceDir, Path rulesDir) {
        List<RuleBases.RuleSet> sets = new ArrayList<>();
        KnowledgeLoader.Prepared knowledge;
        try {
            knowledge = KnowledgeLoader.prepare(evidenceDir, rulesDir);
        } catch (PackValidationException | RuleCompilationException e) {
            warn("the knowledge", e);
            return sets;
        }
        sets.add(knowledge.ruleSet());
        try {
            Screener.Prepared trials = Screener.prepare(evidenceDir, rulesDir, new TreeSet<>(knowledge.packs().stream().map(EvidencePack::id).toList()));
            sets.addAll(trials.ruleSets());
        } catch (PackValidationException | RuleCompilationException e) {
            warn("the trials", e);
        }
        return sets;
    }

    private static void warn(String what, RuntimeException e) {
        List<String> problems = e instanceof RuleCompilationException r ? r.problems()
                : ((PackValidationException) e).problems().stream().map(Object::toString).toList();
        System.out.println("precompile rules: WARNING: no model for " + what + ", which the application would refuse to load:");
        problems.forEach(p -> System.out.println("  " + p));
    }

    private record Previous(String fingerprint, Map<String, RuleBases.Model> models) {
    }

    /** The models the last build wrote, read from the output folder (none on a clean build). */
    private static Previous previous(Path out) {
        Path file = out.resolve("index.properties");
        if (!Files.isRegularFile(file)) {
            return new Previous(null, Map.of());
        }
        try {
            RuleBases.Index index = RuleBases.Index.read(file.toUri().toURL());
            return new Previous(index.fingerprint(), index.models());
        } catch (IOException | UncheckedIOException e) {
            return new Previous(null, Map.of());
        }
    }

    /** How many rule sets the folders should give: the knowledge and one per trial protocol file. */
    private static int expected(Path evidenceDir) {
        Path trials = evidenceDir.resolve(org.evidencecds.screening.ProtocolLoader.FOLDER);
        if (!Files.isDirectory(trials)) {
            return 1;
        }
        try (Stream<Path> files = Files.list(trials)) {
            return 1 + (int) files.filter(f -> f.getFileName().toString().endsWith(".yaml")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * A fingerprint of what decides the models, taken without reading the evidence: the Drools version, every
     * file under the rules folder (the application refuses evidence that does not compile to the committed
     * {@code rules/generated} files, so these are the DRL any model is built from), the compiled fact classes
     * that DRL imports, and the classes that lay the DRL out into rule sets and build them.
     */
    static String fingerprint(Path rulesDir, String droolsVersion) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((FORMAT + "\n" + droolsVersion + "\n").getBytes(StandardCharsets.UTF_8));
            TreeSet<String> types = new TreeSet<>(List.of(PrecompileRules.class.getName(), RuleBases.class.getName(), Knowledge.class.getName(),
                    KnowledgeLoader.class.getName(), Screener.class.getName(), org.evidencecds.screening.CriteriaCompiler.class.getName()));
            if (Files.isDirectory(rulesDir)) {
                try (Stream<Path> files = Files.walk(rulesDir)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        byte[] bytes = Files.readAllBytes(f);
                        sha.update((rulesDir.relativize(f).toString().replace('\\', '/') + "\n" + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
                        sha.update(bytes);
                        Matcher m = IMPORT.matcher(new String(bytes, StandardCharsets.UTF_8));
                        while (m.find()) {
                            types.add(m.group(1));
                        }
                    }
                }
            }
            classBytes(sha, types);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void classBytes(MessageDigest sha, java.util.Collection<String> types) throws IOException {
        for (String type : types) {
            sha.update((type + "\n").getBytes(StandardCharsets.UTF_8));
            try (var in = PrecompileRules.class.getClassLoader().getResourceAsStream(type.replace('.', '/') + ".class")) {
                if (in != null) {
                    sha.update(in.readAllBytes());
                }
            }
        }
    }

    /**
     * A fingerprint of everything a model is built from: this class's format, the Drools version, the module's
     * coordinates, the DRL (its key) and the compiled fact classes the DRL imports (the generated model calls
     * their methods, so a changed class needs a rebuilt model even when the DRL is the same).
     */
    static String inputs(RuleBases.RuleSet set, String releaseId, String droolsVersion) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((FORMAT + "\n" + droolsVersion + "\n" + releaseId + "\n" + set.key() + "\n").getBytes(StandardCharsets.UTF_8));
            TreeSet<String> imports = new TreeSet<>();
            for (String drl : set.files().values()) {
                Matcher m = IMPORT.matcher(drl);
                while (m.find()) {
                    imports.add(m.group(1));
                }
            }
            classBytes(sha, imports);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kjar must hold the compiled model (its project class and rule classes), not just the DRL. */
    private static void requireModelClasses(RuleBases.RuleSet set, byte[] kjar) {
        int classes = 0;
        boolean project = false;
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(kjar))) {
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                classes += e.getName().endsWith(".class") ? 1 : 0;
                project |= e.getName().startsWith("org/drools/project/model/ProjectModel");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (classes == 0 || !project) {
            throw new RuleCompilationException(List.of(set.name() + ": the executable model holds no compiled model classes (" + classes + " classes)"));
        }
    }
}
