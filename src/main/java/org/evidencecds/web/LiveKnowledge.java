package org.evidencecds.web;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.evidencecds.audit.KnowledgeArchive;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.knowledge.EvidenceDirectory;
import org.evidencecds.screening.Screener;

/**
 * The knowledge and the trial screener the server answers with, and their reload from the configured
 * {@code evidence.dir} and {@code rules.dir}.
 *
 * <p>A reload reads, validates and compiles the folders exactly as start-up does ({@link EvidenceDirectory}),
 * archives the new versions (so their answers can be replayed), then installs them. Requests in flight finish
 * on the version they started with: the facade and the screener are each read once per request from an atomic
 * reference. Reloads are serialized. On any problem nothing changes and the running versions keep answering.
 */
public final class LiveKnowledge {

    /** What a reload did: the versions before and after (equal when the folders held nothing new). */
    public record Reload(String previous, String current, boolean changed, List<String> previousTrials, List<String> currentTrials,
                         long tookMs) {
    }

    private final EvidenceFacade facade;
    private final AtomicReference<Screener> screener;
    private final KnowledgeArchive archive;
    private final Path evidenceDir;
    private final Path rulesDir;

    public LiveKnowledge(EvidenceFacade facade, Screener screener, KnowledgeArchive archive, Path evidenceDir, Path rulesDir) {
        this.facade = facade;
        this.screener = new AtomicReference<>(screener);
        this.archive = archive;
        this.evidenceDir = evidenceDir;
        this.rulesDir = rulesDir;
    }

    public EvidenceFacade facade() {
        return facade;
    }

    /** The folder the knowledge is loaded (and reloaded) from: {@code evidence.dir}. */
    public Path evidenceDir() {
        return evidenceDir;
    }

    /** The screener installed now; read it once per request. */
    public Screener screener() {
        return screener.get();
    }

    /** Keeps the running versions in the archive (at start-up, before the server accepts requests). */
    public void retainCurrent() {
        archive.retain(facade.knowledge(), evidenceDir);
        Screener s = screener.get();
        s.protocols().forEach(p -> archive.retainTrial(s, p.id()));
    }

    /**
     * Loads the configured folders and installs what they hold; throws {@link EvidenceDirectory.Refused}
     * with every problem, leaving the running versions in place.
     */
    public synchronized Reload reload() {
        long start = System.nanoTime();
        EvidenceDirectory.Loaded running = new EvidenceDirectory.Loaded(facade.knowledge(), screener.get());
        String previous = running.knowledge().version();
        List<String> previousTrials = running.trialVersions();
        // what did not change comes back as the running instance, not rebuilt
        EvidenceDirectory.Loaded next = EvidenceDirectory.load(evidenceDir, rulesDir, running);
        boolean knowledgeChanged = next.knowledge() != running.knowledge();
        boolean trialsChanged = next.screener() != running.screener();
        // archived before it answers anything (retain checks the files on disk are still the ones loaded)
        if (knowledgeChanged) {
            archive.retain(next.knowledge(), evidenceDir);
        }
        if (trialsChanged) {
            next.screener().protocols().forEach(p -> archive.retainTrial(next.screener(), p.id()));
        }
        // the unchanged part keeps its instance, and with it the answers it has already given
        if (knowledgeChanged) {
            facade.swap(next.knowledge());
        }
        if (trialsChanged) {
            screener.set(next.screener());
        }
        return new Reload(previous, next.knowledge().version(), knowledgeChanged || trialsChanged, previousTrials,
                next.trialVersions(), (System.nanoTime() - start) / 1_000_000);
    }
}
