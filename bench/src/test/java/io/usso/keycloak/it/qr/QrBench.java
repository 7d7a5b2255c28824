package io.usso.keycloak.it.qr;

import io.usso.keycloak.bench.BenchResults;
import io.usso.keycloak.bench.FoundationBench;
import io.usso.keycloak.bench.Wrk;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.UssoServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QR login (issue 6 goals) on one server: approval-to-desktop latency over 50 logins (the desktop long-polls, a
 * phone approves through the mobile API), the status endpoint's requests/s next to stock discovery, and the heap
 * that 10,000 pending attempts cost (used heap after a full GC, before and after; it includes Keycloak's own
 * authentication session of each attempt). Lives in the QR tests' package to reuse their page driver.
 */
public final class QrBench {

    private static final String PASSWORD = "Qr-Bench-2026!";

    private QrBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = FoundationBench.intArg(args, "--seconds", 15);
        int pending = FoundationBench.intArg(args, "--pending", 10_000);
        UssoServer server = UssoServer.get();
        AdminApi admin = new AdminApi(server);
        String realm = "bench-qr";
        admin.createRealm(RealmTemplates.tenant(realm, "QR benchmark"));
        String realmUrl = server.realmUrl(realm);
        admin.createUser(realm, "alice", PASSWORD, Map.of());
        QrFlows flows = new QrFlows(admin, realm);
        flows.createAppClient("qr-app", "QR bench app", flows.createQrFlow("qr-bench", Map.of(
                "attempt.lifetime.seconds", "1800", "rate.create.per.minute", "10000",
                "rate.approve.per.minute", "10000", "rate.scan.per.minute", "10000",
                "rate.status.per.minute", "100000")));
        String token = new OidcLogin(realmUrl, "spa", "http://localhost:3000/callback")
                .login("alice", PASSWORD, ApiScopes.openid(ApiScopes.QR_APPROVE)).get("access_token").asText();

        // 1. approval to desktop: 50 logins
        List<Double> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 55; i++) {
            QrDesktop desktop = new QrDesktop(realmUrl, "qr-app").open();
            CompletableFuture<Long> seen = CompletableFuture.supplyAsync(() -> {
                String status = desktop.status(0, 10).json().path("status").asText();
                if (!"approved".equals(status)) {
                    throw new IllegalStateException("status " + status);
                }
                return System.nanoTime();
            }, pool);
            Thread.sleep(200); // the long-poll is waiting
            long approvedAt = System.nanoTime();
            AdminApi.expect(Http.plain().postJson(realmUrl + "/qr-login/" + desktop.code() + "/approve",
                    Map.of("number", desktop.number()), "Authorization", "Bearer " + token), 200, "approve");
            long at = seen.get(15, TimeUnit.SECONDS);
            QrDesktop.codeOf(desktop.complete());
            if (i >= 5) { // the first five warm up
                latencies.add((at - approvedAt) / 1e6);
            }
        }
        Collections.sort(latencies);

        // 2. status endpoint against stock discovery: 200 waiting pages polled in turn (the tenant's limit is per
        // page, at most 100,000 a minute: one page alone would measure the limiter's 429s)
        List<String> statusUrls = new ArrayList<>();
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            QrDesktop page = new QrDesktop(realmUrl, "qr-app").open();
            statusUrls.add(page.statusUrl() + "?generation=0&wait=0");
            cookies.add(page.cookieHeader()); // a status belongs to the browser that started the sign-in
        }
        Wrk wrk = new Wrk(2);
        wrk.getRotating("warm-up", statusUrls, cookies, 16, 10);
        Wrk.Result discovery = wrk.get("GET discovery (stock)", realmUrl + "/.well-known/openid-configuration", 16,
                seconds);
        Wrk.Result status = wrk.getRotating("GET QR status (ours, 200 waiting pages in turn, answer at once)",
                statusUrls, cookies, 16, seconds);

        // 3. heap of pending attempts (the first one must still be pending at the end: nothing was evicted)
        long before = usedHeapAfterGc(server);
        QrDesktop first = new QrDesktop(realmUrl, "qr-app").open();
        List<CompletableFuture<Void>> opened = new ArrayList<>();
        for (int i = 0; i < pending; i++) {
            opened.add(CompletableFuture.runAsync(() -> openWithRetry(realmUrl), pool));
        }
        CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        long after = usedHeapAfterGc(server);
        pool.shutdown();
        String firstStatus = first.status(0, 0).json().path("status").asText();
        if (!"pending".equals(firstStatus)) {
            throw new IllegalStateException("the first of the pending attempts is " + firstStatus + ", not pending");
        }

        StringBuilder md = new StringBuilder();
        md.append("# QR login benchmark, ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16)).append("\n\nServer: USSO distribution (Keycloak 26.7.3), database ")
                .append(server.database()).append(", one node, ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores shared with the load generator.\n\n");
        md.append(String.format(Locale.ROOT, "Approval (mobile API) to the desktop's long-poll answer, %d logins: "
                + "median %.0f ms, p95 %.0f ms, max %.0f ms (goal: median <= 500, p95 <= 1000).%n%n",
                latencies.size(), pct(latencies, 50), pct(latencies, 95), latencies.get(latencies.size() - 1)));
        md.append("| request | requests/s | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|\n");
        for (Wrk.Result r : List.of(discovery, status)) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %d |%n", r.name(),
                    r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), r.errors()));
        }
        md.append(String.format(Locale.ROOT, "%nStatus endpoint: %.0f requests/s (goal >= 1000), %.2fx discovery.%n",
                status.requestsPerSecond(), status.requestsPerSecond() / discovery.requestsPerSecond()));
        md.append(String.format(Locale.ROOT, "%n%d pending attempts (each with its authentication session): used heap "
                + "after a full GC %d MB before, %d MB after: %.1f MB in all, %.1f KB each (goal < 100 MB).%n",
                pending, before >> 20, after >> 20, (after - before) / 1048576.0,
                (after - before) / 1024.0 / pending));
        BenchResults.write("qr", server.database(), md.toString());
        admin.deleteRealm(realm);
        System.exit(0);
    }

    /** Opens a QR page; waits out the per-IP creation limit (10,000 a minute) when a burst reaches it. */
    private static void openWithRetry(String realmUrl) {
        for (int attempt = 0; ; attempt++) {
            try {
                new QrDesktop(realmUrl, "qr-app").open();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (attempt >= 30) {
                    throw e;
                }
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Used heap of the server's JVM right after a full GC, from {@code jcmd GC.heap_info}. */
    private static long usedHeapAfterGc(UssoServer server) throws IOException, InterruptedException {
        String pid = Long.toString(server.javaPid());
        run("jcmd", pid, "GC.run");
        Thread.sleep(2000);
        String info = run("jcmd", pid, "GC.heap_info");
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("unexpected GC.heap_info:\n" + info);
        }
        return Long.parseLong(m.group(2)) * 1024;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static double pct(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
