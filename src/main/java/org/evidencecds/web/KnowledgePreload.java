package org.evidencecds.web;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.evidencecds.knowledge.EvidenceDirectory;

/**
 * Builds the rule bases on a thread of their own while Spring builds the rest of the application: the
 * start-up check has already read and validated the folders ({@link StartupCheck}), and the Drools work that
 * follows needs none of Spring, so on a machine with two cores it overlaps the context's own start. The bean
 * that needs the knowledge takes the result (waiting for it if need be) when it asks for the same folders;
 * for any other folders it loads them itself. Taken once: a later reload reads the folders afresh.
 */
final class KnowledgePreload {

    private record Started(Path evidenceDir, Path rulesDir, CompletableFuture<EvidenceDirectory.Loaded> loaded) {
    }

    private static final AtomicReference<Started> STARTED = new AtomicReference<>();

    private KnowledgePreload() {
    }

    /** Starts building from folders that were checked without problems. */
    static void start(EvidenceDirectory.Checked checked) {
        CompletableFuture<EvidenceDirectory.Loaded> loaded = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                loaded.complete(EvidenceDirectory.load(checked, null));
            } catch (RuntimeException | Error e) {
                loaded.completeExceptionally(e);
            }
        }, "knowledge-preload");
        builder.setDaemon(true);
        STARTED.set(new Started(checked.evidenceDir(), checked.rulesDir(), loaded));
        builder.start();
    }

    /**
     * What was built for these folders, waiting for it if it is still being built; empty when nothing was
     * started for them (then the caller loads). A failure is thrown as the load would have thrown it.
     */
    static Optional<EvidenceDirectory.Loaded> take(Path evidenceDir, Path rulesDir) {
        Started s = STARTED.getAndSet(null);
        if (s == null || !s.evidenceDir().equals(evidenceDir) || !s.rulesDir().equals(rulesDir)) {
            return Optional.empty();
        }
        try {
            return Optional.of(s.loaded().join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
