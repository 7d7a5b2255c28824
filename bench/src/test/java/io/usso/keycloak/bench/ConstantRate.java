package io.usso.keycloak.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed request rate (unlike wrk, which sends as fast as the server answers), for latency goals such as "p99 under
 * 10 ms at 200 requests/s". Latency is measured from the moment a request was due, not when it left, so a stalled
 * server is not hidden (no coordinated omission).
 */
final class ConstantRate {

    /** Seconds sent at the target rate before latencies are counted. */
    static final int WARM_UP_SECONDS = 5;

    /** Latencies of one run. */
    record Result(String name, int rate, long sent, long errors, double p50Ms, double p90Ms, double p99Ms,
                  double maxMs) {
    }

    private ConstantRate() {
    }

    /**
     * @param name row name
     * @param url target
     * @param contentType body type
     * @param bodies bodies taken in turn
     * @param headers extra headers
     * @param rate requests per second
     * @param seconds duration
     */
    static Result post(String name, String url, String contentType, List<String> bodies, Map<String, String> headers,
                       int rate, int seconds) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        long intervalNanos = 1_000_000_000L / rate;
        // the first WARM_UP_SECONDS at the same rate open the client's connections and warm its code (this JVM is
        // the load generator too); they are sent but not counted
        long warmUp = (long) rate * WARM_UP_SECONDS;
        long total = warmUp + (long) rate * seconds;
        long start = System.nanoTime() + 100_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            boolean counted = i >= warmUp;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            var builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get((int) (i % bodies.size()))));
            headers.forEach(builder::header);
            inFlight.add(client.sendAsync(builder.build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        if (counted) {
                            latencies.add((System.nanoTime() - due) / 1e6);
                        }
                        if (failure != null || response.statusCode() >= 300) {
                            errors.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(name, rate, total - warmUp, errors.get(), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

}
