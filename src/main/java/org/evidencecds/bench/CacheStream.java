package org.evidencecds.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.evidencecds.cache.CacheStats;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.knowledge.EvidenceDirectory;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.screening.Screener;
import org.evidencecds.screening.TrialProtocol;

/**
 * A memory check, not a timed test: streams N random profiles (about 20 % of fields missing, see
 * {@link ProfileGenerator}) through the facade and the screener with their default cache bounds, and prints
 * per slice of 100,000 profiles the rate, the caches' size and weight and the heap used. Bounded caches
 * should keep the heap flat and the rate steady; the last line gives the last slice's rate over the first's.
 *
 * <pre>java -Xmx256m -cp target/evidence-cds.jar -Dloader.main=org.evidencecds.bench.CacheStream \
 *     org.springframework.boot.loader.launch.PropertiesLauncher 2000000 [threads] [evidence-dir rules-dir]</pre>
 */
public final class CacheStream {

    private static final int SLICE = 100_000;
    private static final int CHUNK = 1_000;

    private CacheStream() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Path evidence = Path.of(args.length > 2 ? args[2] : "evidence");
        Path rules = Path.of(args.length > 3 ? args[3] : "rules");
        EvidenceDirectory.Loaded loaded = EvidenceDirectory.load(evidence, rules);
        EvidenceFacade facade = new EvidenceFacade(loaded.knowledge());
        Screener screener = loaded.screener();
        List<String> trials = screener.protocols().stream().map(TrialProtocol::id).toList();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf("%d profiles, %d threads, max heap %d MiB, answers %s, screening %s%n", n, threads,
                Runtime.getRuntime().maxMemory() >> 20, facade.cacheLimits(), screener.cacheLimits());
        System.out.println("profiles  profiles/s  answers  answer-MiB  hit%  decisions  decision-MiB  heap-used-MiB");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double first = 0;
        double last = 0;
        long seed = 1;
        for (long done = 0; done < n; ) {
            int slice = (int) Math.min(SLICE, n - done);
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = slice / threads + (t < slice % threads ? 1 : 0);
                // each thread its own generator: profiles are made in the slice, so their cost is in the rate
                ProfileGenerator generator = new ProfileGenerator(loaded.knowledge().packs(), seed++);
                work.add(pool.submit(() -> {
                    for (int left = share; left > 0; left -= CHUNK) {
                        for (PatientProfile p : generator.generate(Math.min(CHUNK, left))) {
                            facade.evaluate(p);
                            for (String trial : trials) {
                                screener.decide(trial, p);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            double rate = slice / ((System.nanoTime() - start) / 1e9);
            done += slice;
            if (first == 0) {
                first = rate;
            }
            last = rate;
            CacheStats a = facade.cacheStats();
            CacheStats s = screener.cacheStats();
            System.out.printf("%8d  %10.0f  %7d  %10.1f  %4.1f  %9d  %12.1f  %13d%n", done, rate, a.estimatedSize(), a.weight() / 1048576.0,
                    100 * a.hitRate(), s.estimatedSize(), s.weight() / 1048576.0, memory.getHeapMemoryUsage().getUsed() >> 20);
        }
        pool.shutdown();
        System.out.printf("last/first slice rate: %.2f%n", last / first);
    }
}
