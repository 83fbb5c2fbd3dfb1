package org.evidencecds.web.fhir;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.evidencecds.ebm.EbmCodes;
import org.evidencecds.ebm.EvidenceExport;
import org.evidencecds.ebm.FhirR5;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.profile.Quote;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.web.LiveKnowledge;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The running knowledge's packs in their FHIR R5 form ({@link EvidenceExport}), as the JSON sent. Each pack's
 * Bundle is built once per knowledge version and FHIR base URL and kept with every resource of it already
 * serialised; a knowledge swap or reload starts a new generation, so a new version never answers with the
 * previous one's resources. Bounded: at most {@value #MAX_EXPORTS} (base, pack) exports per generation (the
 * base comes from the request's host, which the client chooses).
 */
@Service
public class FhirEvidenceExports {

    private static final Logger LOG = LoggerFactory.getLogger(FhirEvidenceExports.class);

    /** The most (base URL, pack) exports kept for one knowledge version. */
    static final int MAX_EXPORTS = 16;

    /** The resource types a pack's export holds (besides the CodeSystems, which are not a pack's). */
    static final List<String> PACK_TYPES = List.of("Basic", "Citation", "EvidenceVariable", "Evidence", "ArtifactAssessment", "Binary");

    private final LiveKnowledge live;
    private final AtomicReference<Generation> current = new AtomicReference<>();

    public FhirEvidenceExports(LiveKnowledge live) {
        this.live = live;
    }

    /** One pack's export for one base: the Bundle, each resource by "Type/id", and its Evidence as a searchset. */
    record PackExport(String packId, byte[] bundle, Map<String, byte[]> resources, List<Bundle.BundleEntryComponent> evidence,
                      byte[] evidenceSearch) {
    }

    private record Key(String base, String packId) {
    }

    private record Generation(Knowledge knowledge, Cache<Key, PackExport> packs, Cache<String, byte[]> evidenceSearch) {

        Generation(Knowledge knowledge) {
            this(knowledge, Caffeine.newBuilder().maximumSize(MAX_EXPORTS).executor(Runnable::run).build(),
                    Caffeine.newBuilder().maximumSize(MAX_EXPORTS).executor(Runnable::run).build());
        }
    }

    /**
     * Once the application is ready, HAPI's R5 model and JSON writer are set up on a background thread (about 2 s
     * on this machine): off the start-up path, and the first FHIR request does not pay for it.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void warmUp() {
        Thread t = new Thread(() -> {
            try {
                org.evidencecds.ebm.FhirR5.json(new org.hl7.fhir.r5.model.Evidence());
            } catch (RuntimeException e) {
                LOG.warn("FHIR R5 warm-up failed (the first FHIR request sets it up instead): {}", e.toString());
            }
        }, "fhir-r5-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** The exports of the knowledge running now, for one request: the knowledge is read once. */
    public Snapshot current() {
        Knowledge k = live.facade().knowledge();
        Generation g = current.updateAndGet(x -> x != null && x.knowledge().version().equals(k.version()) ? x : new Generation(k));
        return new Snapshot(g, live.evidenceDir());
    }

    /** Lookups in one knowledge version; each throws {@link FhirProblem} naming what was not found. */
    public static final class Snapshot {

        private final Generation generation;
        private final Path evidenceDir;

        private Snapshot(Generation generation, Path evidenceDir) {
            this.generation = generation;
            this.evidenceDir = evidenceDir;
        }

        public String knowledgeVersion() {
            return generation.knowledge().version();
        }

        /** The pack's collection Bundle. */
        public byte[] bundle(String packId, String base) {
            return export(pack(packId, "the pack id").id(), base).bundle();
        }

        /** A searchset of the Evidence of one pack, or of every pack when {@code packId} is null. */
        public byte[] evidenceSearch(String packId, String base) {
            if (packId != null) {
                return export(pack(packId, "_pack").id(), base).evidenceSearch();
            }
            return generation.evidenceSearch().get(base, b -> {
                List<Bundle.BundleEntryComponent> all = new ArrayList<>();
                for (EvidencePack p : generation.knowledge().packs()) {
                    all.addAll(export(p.id(), b).evidence());
                }
                return bytes(searchset(b + "/Evidence", all));
            });
        }

        /** One resource of a pack: the pack is the part of the id before the first '.'. */
        public byte[] resource(String type, String id, String base) {
            if ("CodeSystem".equals(type)) {
                return codeSystem(id, base);
            }
            if (!PACK_TYPES.contains(type)) {
                throw FhirProblem.notSupported("this server serves no " + Quote.cut(type) + " resources; it serves "
                        + String.join(", ", PACK_TYPES) + " and CodeSystem (GET /fhir/{type}/{id}), and searches Evidence");
            }
            int dot = id.indexOf('.');
            if (dot <= 0) {
                throw FhirProblem.notFound("no " + type + " with id '" + Quote.cut(id) + "': the id of a " + type
                        + " is its pack's id, a '.' and a part (the pack's Bundle, GET /fhir/Bundle/{pack}, lists them)");
            }
            EvidencePack pack = pack(id.substring(0, dot), "the part of the " + type + " id '" + Quote.cut(id) + "' before the first '.'");
            byte[] json = export(pack.id(), base).resources().get(type + "/" + id);
            if (json == null) {
                throw FhirProblem.notFound("no " + type + " with id '" + Quote.cut(id) + "' in evidence pack " + pack.id() + " "
                        + pack.info().version() + " (knowledge " + knowledgeVersion() + ")");
            }
            return json;
        }

        /** The CodeSystems are the same in every pack's export: the first pack's, or the plain ones without packs. */
        private byte[] codeSystem(String id, String base) {
            List<EvidencePack> packs = generation.knowledge().packs();
            byte[] json = packs.isEmpty() ? EbmCodes.codeSystems().stream().filter(cs -> cs.getIdPart().equals(id)).findFirst()
                    .map(FhirEvidenceExports::bytes).orElse(null)
                    : export(packs.get(0).id(), base).resources().get("CodeSystem/" + id);
            if (json == null) {
                throw FhirProblem.notFound("no CodeSystem with id '" + Quote.cut(id) + "'; this server defines "
                        + String.join(", ", EbmCodes.codeSystems().stream().map(CodeSystem::getIdPart).toList()));
            }
            return json;
        }

        private EvidencePack pack(String packId, String what) {
            return generation.knowledge().pack(packId).orElseThrow(() -> FhirProblem.notFound("no evidence pack '" + Quote.cut(packId)
                    + "' (" + what + ") in knowledge " + knowledgeVersion() + "; known packs: "
                    + String.join(", ", generation.knowledge().packs().stream().map(EvidencePack::id).toList())));
        }

        private PackExport export(String packId, String base) {
            return generation.packs().get(new Key(base, packId), k -> build(generation.knowledge(), packId, evidenceDir, base));
        }
    }

    private static PackExport build(Knowledge knowledge, String packId, Path evidenceDir, String base) {
        Bundle bundle;
        try {
            bundle = EvidenceExport.bundle(knowledge, packId, evidenceDir, base);
        } catch (IllegalStateException e) {
            // the pack's files changed on disk since this knowledge was loaded: they no longer say what it says
            LOG.warn("FHIR export of pack {} refused: {}", packId, e.getMessage());
            throw FhirProblem.unavailable("the evidence files of pack " + packId + " on the server are not those knowledge "
                    + knowledge.version() + " was loaded from (they changed since); the export answers again once an administrator "
                    + "reloads the knowledge");
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        List<Bundle.BundleEntryComponent> evidence = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            resources.put(r.fhirType() + "/" + r.getIdPart(), bytes(r));
            if (r instanceof Evidence) {
                evidence.add(e);
            }
        }
        return new PackExport(packId, bytes(bundle), Map.copyOf(resources), List.copyOf(evidence),
                bytes(searchset(base + "/Evidence?_pack=" + packId, evidence)));
    }

    /** A searchset Bundle of these entries: each a match, with its fullUrl; the total is their number. */
    private static Bundle searchset(String self, List<Bundle.BundleEntryComponent> entries) {
        Bundle b = new Bundle();
        b.setType(Bundle.BundleType.SEARCHSET);
        b.setTotal(entries.size());
        b.addLink().setRelation(org.hl7.fhir.r5.model.Bundle.LinkRelationTypes.SELF).setUrl(self);
        for (Bundle.BundleEntryComponent e : entries) {
            b.addEntry().setFullUrl(e.getFullUrl()).setResource(e.getResource()).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return b;
    }

    private static byte[] bytes(Resource r) {
        return FhirR5.json(r).getBytes(StandardCharsets.UTF_8);
    }
}
