package org.evidencecds.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate load client (the way wrk2 measures): requests are sent on a fixed schedule whatever the
 * server does, and each latency runs from the moment its request was <em>due</em>, not from when it could be
 * sent, so a server that stalls is charged for every request it delayed (no coordinated omission). wrk itself
 * sends as fast as responses come back, which measures throughput but hides queueing in its latencies. Plain
 * keep-alive sockets, one per connection thread: Java's HttpClient could not keep up with 1,000 requests a
 * second on two cores, and a client that lags measures itself.
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
        StringBuilder headers = new StringBuilder();
        for (int i = 5; i < args.length; i++) {
            headers.append(args[i].trim()).append("\r\n");
        }
        System.out.printf(Locale.ROOT, "%s at %d req/s: %d s warm-up, %d s measured, %d bodies, %d connections%n", url, rate, warmup,
                seconds, bodies.size(), CONNECTIONS);
        if (warmup > 0) {
            Result w = run(url, rate, warmup, bodies, headers.toString());
            System.out.printf(Locale.ROOT, "warm-up: %d requests, %d errors%n", w.sent(), w.errors());
        }
        Result r = run(url, rate, seconds, bodies, headers.toString());
        System.out.println(r);
        System.exit(r.errors() == 0 ? 0 : 1);
    }

    /** Keep-alive connections, each served by one thread: enough that requests queue only when the server is slow. */
    static final int CONNECTIONS = 64;

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

    /**
     * Request i is due at start + i / rate. A connection thread takes the next number, waits until it is due,
     * sends it and reads the whole response; the latency is measured from the due time, so time a request spent
     * waiting for a free connection (the server being slow) is counted.
     */
    private static Result run(URI url, int rate, int seconds, List<String> bodies, String headers) throws Exception {
        int total = rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long[] latencies = new long[total];
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        String head = "POST " + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()) + " HTTP/1.1\r\nHost: "
                + url.getHost() + ":" + url.getPort() + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n" + headers;
        ExecutorService connections = Executors.newFixedThreadPool(CONNECTIONS);
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            work.add(connections.submit(() -> {
                Connection conn = null;
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + i * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    byte[] body = bodies.get(i % bodies.size()).replace("${n}", Integer.toString(i)).getBytes(StandardCharsets.UTF_8);
                    try {
                        if (conn == null) {
                            conn = new Connection(url.getHost(), url.getPort());
                        }
                        int status = conn.exchange((head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), body);
                        if (status / 100 != 2) {
                            errors.incrementAndGet();
                        }
                        if (conn.closing) {
                            // the server ends keep-alive after so many requests (Tomcat: 100), saying so in the response
                            conn.close();
                            conn = null;
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                        if (conn != null) {
                            conn.close();
                        }
                        conn = null;
                    }
                    latencies[i] = (System.nanoTime() - due) / 1000;
                }
                if (conn != null) {
                    conn.close();
                }
                return null;
            }));
        }
        for (var w : work) {
            w.get();
        }
        connections.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Result(rate, total, errors.get(), elapsed, latencies);
    }

    /** One keep-alive HTTP/1.1 connection: writes a request, reads the status and the whole body (Content-Length or chunked). */
    private static final class Connection {
        private final java.net.Socket socket;
        private final java.io.BufferedInputStream in;
        private final java.io.OutputStream out;
        /** The last response said {@code Connection: close}. */
        boolean closing;

        Connection(String host, int port) throws java.io.IOException {
            socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
            out = socket.getOutputStream();
        }

        int exchange(byte[] head, byte[] body) throws java.io.IOException {
            out.write(head);
            out.write(body);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            return status;
        }

        private void skip(long n) throws java.io.IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new java.io.EOFException("connection closed in a response body");
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private String line() throws java.io.IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (java.io.IOException e) {
                // closing anyway
            }
        }
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
