package io.usso.keycloak.bench;

import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.UssoServer;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One node against two: client_credentials throughput on node A alone, on node A while node B is in the cluster
 * (the cost of replication), and on both nodes at once (load split between them). Both nodes share this
 * machine's cores, so two nodes cannot be faster than one here: the point is correctness under load and the
 * overhead of clustering, reported as ratios. Needs PostgreSQL ({@code --db postgres}).
 */
public final class ClusterBench {

    private ClusterBench() {
    }

    public static void main(String[] args) throws IOException {
        int seconds = FoundationBench.intArg(args, "--seconds", 15);
        int connections = FoundationBench.intArg(args, "--connections", 16);
        UssoServer a = UssoServer.get();
        if (!a.clusterCapable()) {
            throw new IllegalStateException("the cluster benchmark needs PostgreSQL: ./usso bench cluster --db postgres");
        }
        BenchRealm bench = new BenchRealm(new AdminApi(a), "bench-cluster");
        bench.createClient("bench-service", true, false, List.of("usso"));
        String apiKey = bench.apiKeyWithVerifier(a.baseUrl(), "bench-verifier");
        String verifyPath = "/realms/" + bench.name + "/api-keys/verify";
        String verifyBody = "{\"api_key\": \"" + apiKey + "\"}";
        String body = bench.clientCredentialsBody("bench-service");
        Wrk wrk = new Wrk(2);
        String path = "/realms/" + bench.name + "/protocol/openid-connect/token";

        wrk.postForm("warm-up", a.baseUrl() + path, body, java.util.Map.of(), connections, 30);
        Wrk.Result single = wrk.postForm("node A alone", a.baseUrl() + path, body, java.util.Map.of(), connections, seconds);
        java.util.Map<String, String> verifierA = java.util.Map.of("Authorization", "Bearer " + bench.clientToken(a.baseUrl(), "bench-verifier"));
        wrk.postJson("warm-up verify", a.baseUrl() + verifyPath, verifyBody, verifierA, connections, 10);
        Wrk.Result verifySingle = wrk.postJson("API-key verify, node A alone", a.baseUrl() + verifyPath, verifyBody,
                verifierA, connections, seconds);

        UssoServer b = a.startPeer("b");
        a.awaitClusterSize(2, Duration.ofMinutes(2));
        wrk.postForm("warm-up B", b.baseUrl() + path, body, java.util.Map.of(), connections, 30);
        Wrk.Result aInCluster = wrk.postForm("node A, node B in the cluster and idle", a.baseUrl() + path, body,
                java.util.Map.of(), connections, seconds);
        Wrk waiter = new Wrk(1);
        CompletableFuture<Wrk.Result> onA = CompletableFuture.supplyAsync(() -> waiter.postForm("both: share of A",
                a.baseUrl() + path, body, java.util.Map.of(), connections / 2, seconds));
        CompletableFuture<Wrk.Result> onB = CompletableFuture.supplyAsync(() -> waiter.postForm("both: share of B",
                b.baseUrl() + path, body, java.util.Map.of(), connections / 2, seconds));
        Wrk.Result shareA = onA.join();
        Wrk.Result shareB = onB.join();
        java.util.Map<String, String> verifierB = java.util.Map.of("Authorization", "Bearer " + bench.clientToken(b.baseUrl(), "bench-verifier"));
        java.util.Map<String, String> verifierA2 = java.util.Map.of("Authorization", "Bearer " + bench.clientToken(a.baseUrl(), "bench-verifier"));
        wrk.postJson("warm-up verify B", b.baseUrl() + verifyPath, verifyBody, verifierB, connections, 10);
        CompletableFuture<Wrk.Result> verifyOnA = CompletableFuture.supplyAsync(() -> waiter.postJson(
                "API-key verify, both: share of A", a.baseUrl() + verifyPath, verifyBody, verifierA2, connections / 2, seconds));
        CompletableFuture<Wrk.Result> verifyOnB = CompletableFuture.supplyAsync(() -> waiter.postJson(
                "API-key verify, both: share of B", b.baseUrl() + verifyPath, verifyBody, verifierB, connections / 2, seconds));
        Wrk.Result verifyShareA = verifyOnA.join();
        Wrk.Result verifyShareB = verifyOnB.join();

        StringBuilder md = new StringBuilder();
        md.append("# Cluster benchmark, ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16)).append("\n\n")
          .append("client_credentials grant with the usso claims, and the API-key verify endpoint (ratios to its own one-node row); PostgreSQL; nodes on the same ")
          .append(Runtime.getRuntime().availableProcessors()).append(" cores; ").append(connections)
          .append(" connections in all; ").append(seconds).append(" s per row.\n\n")
          .append("| setup | requests/s | p50 ms | p99 ms | errors | ratio to one node |\n|---|---:|---:|---:|---:|---:|\n");
        for (Wrk.Result r : List.of(single, aInCluster, shareA, shareB)) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %d | %.2f |%n", r.name(),
                    r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), r.errors(), r.requestsPerSecond() / single.requestsPerSecond()));
        }
        double both = shareA.requestsPerSecond() + shareB.requestsPerSecond();
        md.append(String.format(Locale.ROOT, "| **two nodes together** | **%.0f** | | | %d | **%.2f** |%n", both,
                shareA.errors() + shareB.errors(), both / single.requestsPerSecond()));
        for (Wrk.Result r : List.of(verifySingle, verifyShareA, verifyShareB)) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %d | %.2f |%n", r.name(),
                    r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), r.errors(), r.requestsPerSecond() / verifySingle.requestsPerSecond()));
        }
        double verifyBoth = verifyShareA.requestsPerSecond() + verifyShareB.requestsPerSecond();
        md.append(String.format(Locale.ROOT, "| **API-key verify, two nodes together** | **%.0f** | | | %d | **%.2f** |%n",
                verifyBoth, verifyShareA.errors() + verifyShareB.errors(), verifyBoth / verifySingle.requestsPerSecond()));
        BenchResults.write("cluster", a.database(), md.toString());
        bench.delete();
        System.exit(0);
    }
}
