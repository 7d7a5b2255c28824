package io.usso.keycloak.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.UssoServer;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The yardstick: stock Keycloak endpoints (discovery, JWKS, introspection, client_credentials, password grant)
 * measured on the USSO distribution, plus the cost of the USSO claims (client_credentials with and without the
 * {@code usso} client scope) in the same run. Every later benchmark reports its figures against these.
 *
 * <p>Arguments: {@code --seconds N} per endpoint (default 15), {@code --connections N} (default 16).
 */
public final class FoundationBench {

    private FoundationBench() {
    }

    public static void main(String[] args) throws IOException {
        int seconds = intArg(args, "--seconds", 15);
        int connections = intArg(args, "--connections", 16);
        UssoServer server = UssoServer.get();
        AdminApi admin = new AdminApi(server);
        BenchRealm bench = new BenchRealm(admin, "bench");
        String realm = bench.name;
        String realmUrl = server.realmUrl(realm);
        String secret = bench.secret;
        bench.createClient("bench-introspector", false, false, List.of());
        bench.createClient("bench-service", true, false, List.of("usso"));
        bench.createClient("bench-service-plain", true, false, List.of());
        // tokens of bench-service name the introspector as audience: otherwise Keycloak answers active=false
        bench.addAudience("bench-service", "bench-introspector");
        bench.createClient("bench-password", false, true, List.of("usso"));
        String apiKey = bench.apiKeyWithVerifier(server.baseUrl(), "bench-verifier");
        // many users: two password logins of ONE user within quickLoginCheckMilliSeconds (1 s) trip Keycloak's
        // brute-force detector even when both succeed (it counts a login as a failure until the password is
        // checked), which would measure lockouts; 120 users keep each user under one login per 4 s
        String password = "Bench-User-2026!";
        List<String> passwordBodies = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            admin.createUser(realm, "bench-user-" + i, password, Map.of());
            passwordBodies.add(Http.form(Map.of("grant_type", "password", "client_id", "bench-password",
                    "client_secret", secret, "username", "bench-user-" + i, "password", password)));
        }

        String token = bench.clientToken(server.baseUrl(), "bench-service");
        JsonNode introspection = Http.plain().postForm(realmUrl + "/protocol/openid-connect/token/introspect",
                Map.of("token", token, "client_id", "bench-introspector", "client_secret", secret)).json();
        if (!introspection.path("active").asBoolean()) {
            throw new IllegalStateException("introspection must answer active=true before measuring: " + introspection);
        }

        // the comparison is only fair if exactly one of the two clients carries the usso claims
        for (String[] c : List.of(new String[]{"bench-service", "true"}, new String[]{"bench-service-plain", "false"})) {
            String t = bench.clientToken(server.baseUrl(), c[0]);
            JsonNode claims = Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(t.split("\\.")[1]));
            if (claims.has("tenant_id") != Boolean.parseBoolean(c[1])) {
                throw new IllegalStateException(c[0] + " token has unexpected claims: " + claims);
            }
        }

        Wrk wrk = new Wrk(2);
        String tokenUrl = realmUrl + "/protocol/openid-connect/token";
        // warm-up: JIT and caches
        wrk.postForm("warm-up", tokenUrl, bench.clientCredentialsBody("bench-service"), Map.of(), connections, 10);
        List<Wrk.Result> results = new ArrayList<>();
        results.add(wrk.get("GET discovery (.well-known/openid-configuration)",
                realmUrl + "/.well-known/openid-configuration", connections, seconds));
        results.add(wrk.get("GET JWKS (protocol/openid-connect/certs)",
                realmUrl + "/protocol/openid-connect/certs", connections, seconds));
        results.add(wrk.postForm("POST token introspection (active token)", tokenUrl + "/introspect",
                Http.form(Map.of("token", token, "client_id", "bench-introspector", "client_secret", secret)),
                Map.of(), connections, seconds));
        results.add(wrk.postJson("POST API-key verify (USSO-compatible, ours)", realmUrl + "/api-keys/verify",
                "{\"api_key\": \"" + apiKey + "\"}",
                Map.of("Authorization", "Bearer " + bench.clientToken(server.baseUrl(), "bench-verifier")),
                connections, seconds));
        Wrk.Result plain = wrk.postForm("client_credentials grant, stock scopes", tokenUrl,
                bench.clientCredentialsBody("bench-service-plain"), Map.of(), connections, seconds);
        results.add(plain);
        results.add(wrk.postForm("client_credentials grant, with the usso claims", tokenUrl,
                bench.clientCredentialsBody("bench-service"), Map.of(), connections, seconds));
        results.add(wrk.postFormRotating("password grant (Argon2), with the usso claims", tokenUrl,
                passwordBodies, 4, seconds));

        String report = report(server, results, plain, seconds, connections);
        BenchResults.write("foundation", server.database(), report);
        bench.delete();
        System.exit(0); // the shutdown hook stops the server
    }

    private static String report(UssoServer server, List<Wrk.Result> results, Wrk.Result baseline,
                                 int seconds, int connections) {
        StringBuilder md = new StringBuilder();
        md.append("# Foundation benchmark, ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16)).append("\n\n");
        md.append("Server: USSO distribution (Keycloak 26.7.3), database ").append(server.database())
                .append(", one node; load: wrk on the same machine, ").append(connections)
                .append(" connections (password grant: 4), ").append(seconds).append(" s per row after a 10 s warm-up.\n")
                .append("cores: ").append(Runtime.getRuntime().availableProcessors()).append("\n\n");
        md.append("| request | requests/s | p50 ms | p90 ms | p99 ms | errors | ratio to stock client_credentials |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Wrk.Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %d | %.2f |%n", r.name(),
                    r.requestsPerSecond(), r.p50Ms(), r.p90Ms(), r.p99Ms(), r.errors(),
                    r.requestsPerSecond() / baseline.requestsPerSecond()));
        }
        return md.toString();
    }

    /** The integer after {@code name} in a benchmark's arguments, else {@code fallback}. */
    public static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
