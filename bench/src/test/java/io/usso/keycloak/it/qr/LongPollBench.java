package io.usso.keycloak.it.qr;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.usso.keycloak.bench.BenchResults;
import io.usso.keycloak.bench.FoundationBench;
import io.usso.keycloak.bench.Wrk;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.UssoServer;

/**
 * Issue 12's long-poll goal: {@code --waiters} (default 2,000) QR waiting pages long-poll their status at once on one
 * node (each re-polls as soon as it is answered, like the page's script), while wrk measures stock discovery; the
 * same discovery run without waiters is the control. Reports the ratio (goal >= 0.8), the server's thread count idle
 * and while the waiters wait (a thread per waiter would show), and the answers the waiters got. The server is
 * started by {@code bench/run.sh long-poll} with a per-address cap above the waiter count (every waiter comes from
 * loopback here).
 */
public final class LongPollBench {

    private static final java.util.regex.Pattern GENERATION = java.util.regex.Pattern.compile(
            "\"generation\"\\s*:\\s*(\\d+)");

    private static final java.util.regex.Pattern RETRY = java.util.regex.Pattern.compile(
            "\"retry_ms\"\\s*:\\s*(\\d+)");

    private LongPollBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = FoundationBench.intArg(args, "--seconds", 15);
        int waiters = FoundationBench.intArg(args, "--waiters", 2_000);
        UssoServer server = UssoServer.get();
        AdminApi admin = new AdminApi(server);
        String realm = "bench-long-poll";
        admin.createRealm(RealmTemplates.tenant(realm, "Long-poll benchmark"));
        String realmUrl = server.realmUrl(realm);
        QrFlows flows = new QrFlows(admin, realm);
        flows.createAppClient("qr-app", "QR bench app", flows.createQrFlow("qr-bench", Map.of(
                "attempt.lifetime.seconds", "1800", "rate.create.per.minute", "100000",
                "rate.status.per.minute", "100000")));
        String discoveryUrl = realmUrl + "/.well-known/openid-configuration";
        Wrk wrk = new Wrk(2);
        wrk.get("warm-up", discoveryUrl, 16, 10);
        long threadsIdle = threads(server);
        Wrk.Result idle = wrk.get("GET discovery, no waiters (control)", discoveryUrl, 16, seconds);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<QrDesktop>> opening = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            opening.add(CompletableFuture.supplyAsync(() -> new QrDesktop(realmUrl, "qr-app").open(), pool));
        }
        List<String[]> pages = new ArrayList<>();
        for (CompletableFuture<QrDesktop> f : opening) {
            QrDesktop d = f.get(10, TimeUnit.MINUTES);
            pages.add(new String[] {d.statusUrl(), d.cookieHeader(), "0"});
        }
        pool.shutdown();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong waited = new AtomicLong();
        AtomicLong immediate = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        for (String[] page : pages) {
            poll(client, page, running, waited, immediate, failed);
        }
        Thread.sleep(5_000); // every waiter is waiting
        long threadsWaiting = threads(server);
        Wrk.Result loaded = wrk.get("GET discovery, " + waiters + " status requests waiting", discoveryUrl, 16,
                seconds);
        running.set(false);

        double ratio = loaded.requestsPerSecond() / idle.requestsPerSecond();
        StringBuilder md = new StringBuilder();
        md.append("# Long-poll benchmark, ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16)).append("\n\nServer: USSO distribution (Keycloak 26.7.3), database ")
                .append(server.database()).append(", one node, ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores shared with the load generator. ").append(waiters)
                .append(" QR waiting pages long-poll their status (wait=30, each re-polls when answered).\n\n");
        md.append("| request | requests/s | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|\n");
        for (Wrk.Result r : List.of(idle, loaded)) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %d |%n", r.name(),
                    r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), r.errors()));
        }
        md.append(String.format(Locale.ROOT, "%nDiscovery with %d waiters: %.2fx its idle throughput (goal >= 0.8).%n",
                waiters, ratio));
        md.append(String.format(Locale.ROOT, "Server threads: %d idle, %d with the waiters waiting.%n", threadsIdle,
                threadsWaiting));
        md.append(String.format(Locale.ROOT, "Status answers during the run: %d after waiting, %d at once (a cap or a "
                + "new state), %d failed.%n", waited.get(), immediate.get(), failed.get()));
        BenchResults.write("long-poll", server.database(), md.toString());
        admin.deleteRealm(realm);
        System.exit(0);
    }

    /** One waiting page: polls, and polls again when answered, until the run ends. */
    private static void poll(HttpClient client, String[] page, AtomicBoolean running, AtomicLong waited,
            AtomicLong immediate, AtomicLong failed) {
        if (!running.get()) {
            return;
        }
        long started = System.nanoTime();
        // like the page's script: the generation of the code it shows, from the last answer
        HttpRequest request = HttpRequest.newBuilder(URI.create(page[0] + "?generation=" + page[2] + "&wait=30"))
                .timeout(Duration.ofSeconds(60))
                .header("Cookie", page[1]).header("Accept", "application/json").GET().build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                failed.incrementAndGet();
            } else {
                java.util.regex.Matcher g = GENERATION.matcher(response.body());
                if (g.find()) {
                    page[2] = g.group(1);
                }
            }
            if (error != null || response.statusCode() != 200) {
                // counted above
            } else if (System.nanoTime() - started > 1_000_000_000L) {
                waited.incrementAndGet();
            } else {
                immediate.incrementAndGet();
            }
            // like the page's script: an answer with retry_ms (a cap was reached) is polled again after that delay
            long retry = 0;
            if (error == null) {
                java.util.regex.Matcher r = RETRY.matcher(response.body());
                retry = r.find() ? Long.parseLong(r.group(1)) : 0;
            }
            if (retry > 0) {
                CompletableFuture.delayedExecutor(retry, TimeUnit.MILLISECONDS)
                        .execute(() -> poll(client, page, running, waited, immediate, failed));
            } else {
                poll(client, page, running, waited, immediate, failed);
            }
        });
    }

    private static long threads(UssoServer server) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.javaPid()), "status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.substring(8).strip());
            }
        }
        return -1;
    }
}
