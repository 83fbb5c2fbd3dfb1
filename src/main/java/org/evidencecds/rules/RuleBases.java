package org.evidencecds.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.KieBuilderImpl;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.CanonicalKieModuleProvider;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every rule base is built here, from a named set of DRL texts. When the build put a precompiled executable
 * model of exactly these texts on the classpath ({@code precompiled-rules/}, written by {@link PrecompileRules}),
 * the rule base is loaded from it and no DRL is compiled; otherwise the DRL is compiled as it always was. Any
 * rules the build did not see (an external evidence folder, an archived knowledge version rebuilt for replay, a
 * pack changed in a test) take the second path, with the same result.
 *
 * <p>The two are told apart by a key: SHA-256 over the set's file paths and texts. The build writes one
 * {@code <key>.kjar} per set and an {@code index.properties} naming every key it wrote.
 */
public final class RuleBases {

    /** Where the precompiled models are, on the classpath. */
    public static final String FOLDER = "precompiled-rules";
    public static final String INDEX = FOLDER + "/index.properties";

    private static final Logger LOG = LoggerFactory.getLogger(RuleBases.class);

    private RuleBases() {
    }

    /** How a rule base was built. */
    public enum How {
        /** loaded from the executable model the build precompiled from the same DRL */
        PRECOMPILED,
        /** compiled from DRL at run time */
        COMPILED
    }

    /**
     * One rule base's sources.
     *
     * @param name    what the log says it is, e.g. {@code knowledge dfu-cell-therapy@1.2.0+rules.3f2a9c1d2e4b}
     * @param groupId with {@code artifactId} and {@code version}: the coordinates Drools files the module under
     * @param files   DRL text by path in the KIE file system ({@code src/main/resources/<package folder>/<file>.drl}),
     *                written in this order
     */
    public record RuleSet(String name, String groupId, String artifactId, String version, Map<String, String> files) {

        public RuleSet {
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }

        /** SHA-256 (hex) over the paths and texts in path order, each length-prefixed so that no two sets share a key. */
        public String key() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
                    for (String part : List.of(e.getKey(), e.getValue())) {
                        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                        sha.update(bytes);
                    }
                }
                return HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        ReleaseId releaseId(KieServices ks) {
            return ks.newReleaseId(groupId, artifactId, version.replaceAll("[^A-Za-z0-9.]", "-"));
        }

        /** The precompiled model's coordinates: apart from the DRL module's, so the two never replace each other. */
        ReleaseId modelReleaseId(KieServices ks) {
            return ks.newReleaseId(groupId, artifactId + "-model", version.replaceAll("[^A-Za-z0-9.]", "-"));
        }
    }

    /** A rule base and how it was built. */
    public record Built(KieBase base, How how) {
    }

    /** The precompiled model of these rules if the build made one, otherwise the DRL compiled; logged once at INFO. */
    public static Built build(RuleSet rules) {
        Optional<Loadable> model = precompiled(rules);
        if (model.isPresent()) {
            LOG.info("rules: precompiled executable model for {} (model {})", rules.name(), model.get().model().key().substring(0, 12));
            return load(model.get().model().releaseId(), model.get().kjar());
        }
        LOG.info("rules: compiling DRL for {} (no precompiled model for these rules)", rules.name());
        return compile(rules);
    }

    /** Compiles the DRL (the classic engine, as without a precompiled model); a DRL error stops with every message. */
    public static Built compile(RuleSet rules) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = rules.releaseId(ks);
        KieBuilder builder = ks.newKieBuilder(fileSystem(ks, rules, releaseId)).buildAll();
        failOnErrors(builder);
        return new Built(ks.newKieContainer(releaseId).getKieBase(), How.COMPILED);
    }

    /**
     * Builds the executable model of the rules and returns it as a kjar: the generated model classes, compiled, with
     * the DRL they were generated from (kept for {@link Index#problems}); what {@link PrecompileRules} writes at build time.
     */
    public static byte[] executableModel(RuleSet rules) {
        KieServices ks = KieServices.Factory.get();
        KieBuilder builder = ks.newKieBuilder(fileSystem(ks, rules, rules.modelReleaseId(ks))).buildAll(ExecutableModelProject.class);
        failOnErrors(builder);
        return ((InternalKieModule) builder.getKieModule()).getBytes();
    }

    /**
     * Loads a rule base from the executable-model kjar of these rules ({@link #executableModel}); nothing is
     * compiled. The kjar holds no {@code kmodule.xml} (none is written without drools-xml-support), so the module
     * gets the same default model the builder gave it: one default KieBase with every package.
     */
    public static Built load(RuleSet rules, byte[] kjar) {
        return load(coordinates(rules.modelReleaseId(KieServices.Factory.get())), kjar);
    }

    private static Built load(String releaseIdText, byte[] kjar) {
        KieServices ks = KieServices.Factory.get();
        String[] gav = releaseIdText.split(":");
        ReleaseId releaseId = ks.newReleaseId(gav[0], gav[1], gav[2]);
        KieModuleModel model = ks.newKieModuleModel();
        KieBuilderImpl.setDefaultsforEmptyKieModule(model);
        InternalKieModule module = new CanonicalKieModuleProvider().createKieModule(releaseId, model, MemoryFileSystem.readFromJar(kjar));
        ks.getRepository().addKieModule(module);
        return new Built(ks.newKieContainer(releaseId).getKieBase(), How.PRECOMPILED);
    }

    static String coordinates(ReleaseId id) {
        return id.getGroupId() + ":" + id.getArtifactId() + ":" + id.getVersion();
    }

    /** The index of the precompiled models on the classpath (empty when there is none). */
    public static Index index() {
        java.net.URL url = RuleBases.class.getClassLoader().getResource(INDEX);
        if (url == null) {
            return new Index(null, null, Map.of(), null);
        }
        try {
            return Index.read(url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code precompiled-rules/index.properties}, as {@link PrecompileRules} writes it.
     *
     * @param location      where it was read from (a URL), or null when the classpath has none
     * @param droolsVersion the Drools version that built the models; they are used only under the same version
     * @param models        by key
     * @param fingerprint   of what the models were built from, for the build to skip unchanged rules (see {@link PrecompileRules})
     */
    public record Index(String location, String droolsVersion, Map<String, Model> models, String fingerprint) {

        public Index {
            models = java.util.Collections.unmodifiableMap(new TreeMap<>(models));
        }

        static Index read(java.net.URL url) throws IOException {
            Properties p = new Properties();
            try (InputStream in = url.openStream()) {
                p.load(in);
            }
            Map<String, Model> models = new TreeMap<>();
            for (String name : p.stringPropertyNames()) {
                if (name.endsWith(".name")) {
                    String key = name.substring(0, name.length() - ".name".length());
                    models.put(key, new Model(key, p.getProperty(name), p.getProperty(key + ".releaseId"), p.getProperty(key + ".inputs")));
                }
            }
            return new Index(url.toString(), p.getProperty("drools.version"), models, p.getProperty("fingerprint"));
        }

        /** Whether the models were built by the Drools version running now. */
        public boolean usable() {
            return droolsVersion != null && droolsVersion.equals(droolsVersion());
        }

        /** The model of these rules, if the index lists one built by the Drools version running now. */
        public Optional<Model> model(RuleSet rules) {
            return usable() ? Optional.ofNullable(models.get(rules.key())) : Optional.empty();
        }

        /** Writes the index: the Drools version, then each model's name, coordinates and build inputs. */
        String text() {
            StringBuilder out = new StringBuilder("# written by org.evidencecds.rules.PrecompileRules at build time: the executable models in this folder, by key\n");
            out.append("drools.version=").append(droolsVersion).append('\n');
            if (fingerprint != null) {
                out.append("fingerprint=").append(fingerprint).append('\n');
            }
            for (Model m : models.values()) {
                out.append(m.key()).append(".name=").append(m.name()).append('\n');
                out.append(m.key()).append(".releaseId=").append(m.releaseId()).append('\n');
                out.append(m.key()).append(".inputs=").append(m.inputs()).append('\n');
            }
            return out.toString();
        }

        /**
         * Every reason why these rules would not start from a precompiled model: none listed for their key, or its
         * kjar missing, unreadable, or holding DRL other than these rules' (the kjar keeps the DRL it was built from).
         */
        public List<String> problems(RuleSet rules) {
            String where = location == null ? INDEX + " (not on the classpath)" : location;
            String key = rules.key();
            if (location == null) {
                return List.of(where + ": no precompiled models at all; " + rules.name() + " would be compiled from DRL at start-up (build with `mvn package`)");
            }
            if (!usable()) {
                return List.of(where + ": the models were built by Drools " + droolsVersion + ", this is Drools " + droolsVersion()
                        + "; " + rules.name() + " would be compiled from DRL at start-up (rebuild with `mvn package`)");
            }
            if (!models.containsKey(key)) {
                return List.of(where + ": no precompiled model for " + rules.name() + " (key " + key + "): the build saw other rules;"
                        + " they would be compiled from DRL at start-up (rebuild with `mvn package`)");
            }
            String kjarName = FOLDER + "/" + key + ".kjar";
            Optional<byte[]> kjar = resource(kjarName);
            if (kjar.isEmpty()) {
                return List.of(where + ": lists " + kjarName + " for " + rules.name() + ", which is missing");
            }
            List<String> problems = new java.util.ArrayList<>();
            Map<String, String> inside = drlIn(kjar.get());
            Map<String, String> expected = new TreeMap<>();
            rules.files().forEach((path, text) -> expected.put(path.substring(path.indexOf(RESOURCES) + RESOURCES.length()), text));
            expected.forEach((path, text) -> {
                if (!text.equals(inside.get(path))) {
                    problems.add(kjarName + ": " + path + (inside.containsKey(path) ? " differs from " : " is missing, unlike ") + rules.name());
                }
            });
            inside.keySet().stream().filter(path -> !expected.containsKey(path))
                    .forEach(path -> problems.add(kjarName + ": " + path + " is not part of " + rules.name()));
            return problems;
        }
    }

    /**
     * One precompiled model.
     *
     * @param releaseId the module's coordinates, {@code group:artifact:version}
     * @param inputs    a fingerprint of everything the model was built from, for the build to skip an unchanged model
     */
    public record Model(String key, String name, String releaseId, String inputs) {
    }

    private static final String RESOURCES = "src/main/resources/";

    /** The DRL files a kjar holds, by path. */
    static Map<String, String> drlIn(byte[] kjar) {
        Map<String, String> out = new TreeMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(kjar))) {
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().endsWith(".drl")) {
                    out.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Set {@code -Devidencecds.precompiled-rules=false} to compile every rule base from DRL, as before precompiled models. */
    public static final String SWITCH = "evidencecds.precompiled-rules";

    /** The precompiled model of these rules, if the classpath has one built by this Drools version (and it is not switched off). */
    static Optional<Loadable> precompiled(RuleSet rules) {
        if ("false".equals(System.getProperty(SWITCH))) {
            return Optional.empty();
        }
        return Holder.INDEX.model(rules).flatMap(m -> resource(FOLDER + "/" + m.key() + ".kjar").map(bytes -> new Loadable(m, bytes)));
    }

    record Loadable(Model model, byte[] kjar) {
    }

    private static Optional<byte[]> resource(String name) {
        try (InputStream in = RuleBases.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index is read once: the classpath does not change while the process runs. */
    private static final class Holder {
        static final Index INDEX = index();
    }

    /** The version of the Drools engine on the classpath (from its jar's Maven descriptor), or "unknown". */
    public static String droolsVersion() {
        return resource("META-INF/maven/org.drools/drools-model-compiler/pom.properties").map(bytes -> {
            Properties p = new Properties();
            try {
                p.load(new java.io.ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p.getProperty("version", "unknown");
        }).orElse("unknown");
    }

    private static KieFileSystem fileSystem(KieServices ks, RuleSet rules, ReleaseId releaseId) {
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        rules.files().forEach(kfs::write);
        return kfs;
    }

    private static void failOnErrors(KieBuilder builder) {
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(errors.stream().map(Message::toString).toList());
        }
    }
}
