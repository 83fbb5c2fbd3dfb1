package org.evidencecds.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate load client (the way wrk2 measures): requests are sent on a fixed schedule whatever the
 * server does, and each latency runs from the moment its request was <em>due</em>, not from when it could be
 * sent, so a server that stalls is charged for every request it delayed (no coordinated omission). wrk itself
 * sends as fast as responses come back, which measures throughput but hides queueing in its latencies.
 *
 * <pre>java -cp target/evidence-cds.jar -Dloader.main=org.evidencecds.bench.ConstantRate \
 *     org.springframework.boot.loader.launch.PropertiesLauncher URL RATE SECONDS [WARMUP-SECONDS] [BODIES-FILE] [HEADER: VALUE]...</pre>
 *
 * Bodies: one JSON body per line of BODIES-FILE, used in turn, with {@code ${n}} replaced by the request's
 * number (for ids that must differ, e.g. a CDS Hooks {@code hookInstance}); without a file, the 100 profiles
 * of {@code src/test/load/evaluations.lua}. Prints the rate reached, errors (connection failures and non-2xx)
 * and the latency percentiles of the measured part.
 */
public final class ConstantRate {

    private ConstantRate() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ConstantRate URL RATE SECONDS [WARMUP-SECONDS] [BODIES-FILE|-] [HEADER: VALUE]...");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        List<String> bodies = args.length > 4 && !args[4].equals("-")
                ? Files.readAllLines(Path.of(args[4]), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList()
                : evaluationProfiles();
        List<String[]> headers = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            int colon = args[i].indexOf(':');
            headers.add(new String[] {args[i].substring(0, colon).trim(), args[i].substring(colon + 1).trim()});
        }
        ExecutorService io = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io)
                .connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf(Locale.ROOT, "%s at %d req/s: %d s warm-up, %d s measured, %d bodies%n", url, rate, warmup, seconds, bodies.size());
        run(client, url, rate, warmup, bodies, headers, false);
        Result r = run(client, url, rate, seconds, bodies, headers, true);
        System.out.println(r);
        io.shutdownNow();
        System.exit(r.errors == 0 ? 0 : 1);
    }

    /** What one measured run gave: latencies in microseconds from each request's due time. */
    record Result(int rate, long sent, long errors, double seconds, long[] latencyMicros) {
        double percentileMillis(double p) {
            if (latencyMicros.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latencyMicros.length) - 1;
            return latencyMicros[Math.max(0, Math.min(latencyMicros.length - 1, i))] / 1000.0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "target %d req/s, reached %.0f req/s (%d requests in %.1f s), errors %d%n"
                            + "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f",
                    rate, sent / seconds, sent, seconds, errors, percentileMillis(50), percentileMillis(90), percentileMillis(99),
                    percentileMillis(99.9), percentileMillis(100));
        }
    }

    private static Result run(HttpClient client, URI url, int rate, int seconds, List<String> bodies, List<String[]> headers,
                              boolean measured) throws InterruptedException {
        long total = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long[] latencies = new long[(int) total];
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()).replace("${n}", Integer.toString(i))));
            headers.forEach(h -> request.header(h[0], h[1]));
            int slot = i;
            inFlight.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                latencies[slot] = (System.nanoTime() - due) / 1000;
                if (failure != null || response.statusCode() / 100 != 2) {
                    errors.incrementAndGet();
                }
                done.incrementAndGet();
                return null;
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        if (!measured) {
            System.out.printf(Locale.ROOT, "warm-up: %d requests, %d errors%n", done.get(), errors.get());
        }
        return new Result(rate, done.get(), errors.get(), elapsed, latencies);
    }

    /** The 100 profiles of src/test/load/evaluations.lua. */
    static List<String> evaluationProfiles() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            out.add(String.format(Locale.ROOT, "{\"ulcerAreaCm2\": %.1f, \"diabetesDurationYears\": %d, \"ulcerDurationDays\": %d}",
                    (i % 25) + 0.5, i % 20, 100 + (i * 7) % 300));
        }
        return out;
    }
}
