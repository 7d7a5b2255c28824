package io.usso.keycloak.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.UssoServer;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * API keys against Keycloak's own endpoints, in one run on one server:
 * <ul>
 * <li>default mode: the verify endpoint against token introspection (goal ≥ 2x), the API-key grant against the
 *     {@code client_credentials} grant (goal ≥ 1.0x), both spread over {@code --keys} keys (default 1,000), and
 *     latency at a fixed 200 requests/s (goal p99 &lt; 10 ms);</li>
 * <li>{@code --table}: the database path (run with the verification cache off,
 *     {@code KC_SPI_REALM_RESTAPI_EXTENSION__API_KEYS__CACHE_TTL_SECONDS=0}, PostgreSQL): verify with the keys
 *     table at {@code --keys} rows, then filled to {@code --rows} (default 1,000,000) rows (goal: within 20%).</li>
 * </ul>
 */
public final class ApiKeyBench {

    static final String GRANT = "urn:usso:params:oauth:grant-type:api-key";

    private ApiKeyBench() {
    }

    public static void main(String[] args) throws IOException {
        int seconds = FoundationBench.intArg(args, "--seconds", 15);
        int connections = FoundationBench.intArg(args, "--connections", 16);
        int keyCount = FoundationBench.intArg(args, "--keys", 1000);
        int rows = FoundationBench.intArg(args, "--rows", 1_000_000);
        boolean table = List.of(args).contains("--table");
        int rounds = FoundationBench.intArg(args, "--rounds", 3);
        UssoServer server = UssoServer.get();
        AdminApi admin = new AdminApi(server);
        BenchRealm bench = new BenchRealm(admin, "bench-keys");
        String realmUrl = server.realmUrl(bench.name);
        String tokenUrl = realmUrl + "/protocol/openid-connect/token";

        bench.createClient("bench-introspector", false, false, List.of());
        bench.createClient("bench-service", true, false, List.of("usso"));
        bench.addAudience("bench-service", "bench-introspector");
        // the API-key grant is opt-in per client: the client scope usso:api-key-grant
        bench.createClient("bench-key-app", false, false, List.of("usso", ApiScopes.API_KEY_GRANT));
        List<String> keys = bench.apiKeysWithVerifier(server.baseUrl(), "bench-verifier", keyCount);
        // the verifier authenticates as a confidential client, as the introspecting client does below
        String verifierAuth = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("bench-verifier:" + bench.secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> verifyBodies = keys.stream().map(k -> "{\"api_key\": \"" + k + "\"}").toList();
        List<String> grantBodies = keys.stream().map(k -> Http.form(Map.of("grant_type", GRANT,
                "client_id", "bench-key-app", "client_secret", bench.secret, "api_key", k))).toList();
        String token = bench.clientToken(server.baseUrl(), "bench-service");
        String introspectBody = Http.form(Map.of("token", token, "client_id", "bench-introspector",
                "client_secret", bench.secret));
        check(Http.plain().postForm(tokenUrl + "/introspect", Map.of("token", token, "client_id",
                "bench-introspector", "client_secret", bench.secret)).json().path("active").asBoolean(),
                "introspection must answer active=true");
        check(Http.plain().postJson(realmUrl + "/api-keys/verify", Map.of("api_key", keys.get(0)),
                "Authorization", verifierAuth).status() == 200, "verify must answer 200");
        check(Http.plain().postForm(tokenUrl, Map.of("grant_type", GRANT, "client_id", "bench-key-app",
                "client_secret", bench.secret, "api_key", keys.get(1))).status() == 200, "the grant must answer 200");

        Wrk wrk = new Wrk(2);
        Map<String, String> auth = Map.of("Authorization", verifierAuth);
        String verifyUrl = realmUrl + "/api-keys/verify";
        String report;
        if (!table) {
            wrk.postRotating("warm-up", verifyUrl, "application/json", verifyBodies, auth, connections, 10);
            wrk.postForm("warm-up", tokenUrl, bench.clientCredentialsBody("bench-service"), Map.of(), connections, 10);
            // stock and ours alternate, round after round, so that drift (JIT, heap, other load on the machine)
            // falls on both sides of each ratio alike
            List<Wrk.Result> introspections = new ArrayList<>();
            List<Wrk.Result> verifies = new ArrayList<>();
            List<Wrk.Result> clientCredentialsRuns = new ArrayList<>();
            List<Wrk.Result> grants = new ArrayList<>();
            // and the server's CPU per answered request (from /proc: steadier than requests/s on shared cores)
            ProcessCpu cpu = new ProcessCpu(server.javaPid());
            double[] cpuMs = new double[4];
            long[] answered = new long[4];
            for (int round = 0; round < rounds; round++) {
                double at = cpu.millis();
                introspections.add(wrk.postForm("introspection", tokenUrl + "/introspect", introspectBody, Map.of(),
                        connections, seconds));
                at = account(cpu, at, introspections, 0, cpuMs, answered);
                verifies.add(wrk.postRotating("verify", verifyUrl, "application/json", verifyBodies, auth,
                        connections, seconds));
                at = account(cpu, at, verifies, 1, cpuMs, answered);
                clientCredentialsRuns.add(wrk.postForm("client_credentials", tokenUrl,
                        bench.clientCredentialsBody("bench-service"), Map.of(), connections, seconds));
                at = account(cpu, at, clientCredentialsRuns, 2, cpuMs, answered);
                grants.add(wrk.postRotating("grant", tokenUrl, "application/x-www-form-urlencoded", grantBodies,
                        Map.of(), connections, seconds));
                account(cpu, at, grants, 3, cpuMs, answered);
            }
            String cpuPerRequest = String.format(Locale.ROOT, "%n| server CPU per answered request (all rounds) | "
                    + "ms |%n|---|---:|%n| token introspection (stock) | %.3f |%n| API-key verify (ours) | %.3f |%n"
                    + "| client_credentials grant (stock) | %.3f |%n| API-key grant (ours) | %.3f |%n%n"
                    + "CPU ratios (lower is cheaper): verify / introspection %.2f, API-key grant / client_credentials "
                    + "%.2f.%n", cpuMs[0] / answered[0], cpuMs[1] / answered[1], cpuMs[2] / answered[2],
                    cpuMs[3] / answered[3], (cpuMs[1] / answered[1]) / (cpuMs[0] / answered[0]),
                    (cpuMs[3] / answered[3]) / (cpuMs[2] / answered[2]));
            Wrk.Result introspection = combine("POST token introspection (stock, active token)", introspections);
            Wrk.Result verify = combine("POST API-key verify (ours, " + keyCount + " keys in turn)", verifies);
            Wrk.Result clientCredentials = combine("client_credentials grant (stock)", clientCredentialsRuns);
            Wrk.Result grant = combine("API-key grant (ours, " + keyCount + " keys in turn)", grants);
            // the same verification for a tenant that lets any caller verify (no bearer token to check)
            admin.setRealmAttributes(bench.name, Map.of("usso.api-keys.verify-access", "any-caller",
                    "usso.api-keys.verify-failures-per-ip", "0"));
            Wrk.Result anyCaller = wrk.postRotating("POST API-key verify (ours, tenant setting any-caller)",
                    verifyUrl, "application/json", verifyBodies, Map.of(), connections, seconds);
            admin.setRealmAttributes(bench.name, Map.of("usso.api-keys.verify-access", "role"));
            ConstantRate.Result introspection200 = ConstantRate.post("token introspection at 200/s",
                    tokenUrl + "/introspect", "application/x-www-form-urlencoded", List.of(introspectBody), Map.of(),
                    200, 20);
            ConstantRate.Result verify200 = ConstantRate.post("API-key verify at 200/s", verifyUrl,
                    "application/json", verifyBodies, auth, 200, 20);
            report = report(server, seconds, connections, keyCount,
                    List.of(introspection, verify, anyCaller, clientCredentials, grant),
                    List.of(introspection200, verify200),
                    List.of(ratio("verify / introspection (goal >= 2.0)", verify, introspection),
                            perRound("verify / introspection", verifies, introspections),
                            ratio("verify, any-caller tenant / introspection", anyCaller, introspection),
                            ratio("API-key grant / client_credentials (goal >= 1.0)", grant, clientCredentials),
                            perRound("API-key grant / client_credentials", grants, clientCredentialsRuns)))
                    + cpuPerRequest;
        } else {
            check(server.database().equals("postgres"), "--table needs PostgreSQL (./usso bench api-keys-table)");
            check(cacheTtl(admin) == 0, "--table measures the database path: start with the cache off "
                    + "(KC_SPI_REALM_RESTAPI_EXTENSION__API_KEYS__CACHE_TTL_SECONDS=0; ./usso bench api-keys-table)");
            wrk.postRotating("warm-up", verifyUrl, "application/json", verifyBodies, auth, connections, 20);
            wrk.postForm("warm-up", tokenUrl + "/introspect", introspectBody, Map.of(), connections, 10);
            long before = tableRows();
            // introspection is measured next to each verify row as a control: the machine's speed drifts (JIT,
            // other load), the control cancels that out of the comparison
            Wrk.Result smallControl = wrk.postForm("token introspection (control), " + before + " keys",
                    tokenUrl + "/introspect", introspectBody, Map.of(), connections, seconds);
            Wrk.Result small = wrk.postRotating("API-key verify, " + before + " keys in the table", verifyUrl,
                    "application/json", verifyBodies, auth, connections, seconds);
            ConstantRate.Result small200 = ConstantRate.post("API-key verify at 200/s, " + before + " keys",
                    verifyUrl, "application/json", verifyBodies, auth, 200, 20);
            String realmId = admin.getJson("/" + bench.name).get("id").asText();
            fillTable(realmId, rows - before);
            long after = tableRows();
            wrk.postRotating("warm-up", verifyUrl, "application/json", verifyBodies, auth, connections, 5);
            Wrk.Result largeControl = wrk.postForm("token introspection (control), " + after + " keys",
                    tokenUrl + "/introspect", introspectBody, Map.of(), connections, seconds);
            Wrk.Result large = wrk.postRotating("API-key verify, " + after + " keys in the table", verifyUrl,
                    "application/json", verifyBodies, auth, connections, seconds);
            ConstantRate.Result large200 = ConstantRate.post("API-key verify at 200/s, " + after + " keys",
                    verifyUrl, "application/json", verifyBodies, auth, 200, 20);
            double smallRel = small.requestsPerSecond() / smallControl.requestsPerSecond();
            double largeRel = large.requestsPerSecond() / largeControl.requestsPerSecond();
            report = report(server, seconds, connections, keyCount,
                    List.of(smallControl, small, largeControl, large), List.of(small200, large200),
                    List.of(ratio("requests/s with " + after + " rows / with " + before + ", raw", large, small),
                            String.format(Locale.ROOT, "| requests/s with %d rows / with %d, each relative to its "
                                    + "introspection control (goal >= 0.8) | %.2f |", after, before, largeRel / smallRel),
                            String.format(Locale.ROOT, "| p50 latency at 200/s with %d rows / with %d (goal <= 1.2) "
                                    + "| %.2f |", after, before, large200.p50Ms() / small200.p50Ms())));
            deleteFiller(realmId);
        }
        BenchResults.write((table ? "api-keys-table" : "api-keys"), server.database(), report);
        bench.delete();
        System.exit(0);
    }

    /** Shared with the other benchmarks of this package. Adds the CPU since {@code since} and the answered requests of the last run to slot {@code i}. */
    static double account(ProcessCpu cpu, double since, List<Wrk.Result> runs, int i, double[] cpuMs,
                                  long[] answered) {
        double now = cpu.millis();
        Wrk.Result last = runs.get(runs.size() - 1);
        cpuMs[i] += now - since;
        answered[i] += last.requests() - last.errors();
        return now;
    }

    /** Rounds of equal length: mean requests/s and latencies, summed requests and errors. */
    static Wrk.Result combine(String name, List<Wrk.Result> runs) {
        double n = runs.size();
        return new Wrk.Result(name, runs.stream().mapToDouble(Wrk.Result::requestsPerSecond).sum() / n,
                runs.stream().mapToDouble(Wrk.Result::p50Ms).sum() / n,
                runs.stream().mapToDouble(Wrk.Result::p90Ms).sum() / n,
                runs.stream().mapToDouble(Wrk.Result::p99Ms).sum() / n,
                runs.stream().mapToLong(Wrk.Result::requests).sum(), runs.stream().mapToLong(Wrk.Result::errors).sum());
    }

    private static String perRound(String name, List<Wrk.Result> ours, List<Wrk.Result> stock) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < ours.size(); i++) {
            values.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                    ours.get(i).requestsPerSecond() / stock.get(i).requestsPerSecond()));
        }
        return "| " + name + ", round by round | " + values + " |";
    }

    private static String ratio(String name, Wrk.Result ours, Wrk.Result stock) {
        return String.format(Locale.ROOT, "| %s | %.2f |", name, ours.requestsPerSecond() / stock.requestsPerSecond());
    }

    private static int cacheTtl(AdminApi admin) {
        JsonNode info = admin.serverInfo().path("providers").path("realm-restapi-extension").path("providers")
                .path("api-keys").path("operationalInfo");
        return info.path("cacheTtlSeconds").asInt(-1);
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(env("USSO_TEST_DB_URL"), env("USSO_TEST_DB_USERNAME"),
                env("USSO_TEST_DB_PASSWORD"));
    }

    static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return v;
    }

    private static long tableRows() {
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from usso_api_key")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts {@code count} rows that look like real keys (random hashes: they never verify) and analyses. */
    private static void fillTable(String realmId, long count) {
        SecureRandom random = new SecureRandom();
        long now = System.currentTimeMillis();
        System.out.printf("[bench] inserting %d filler keys%n", count);
        try (Connection c = db()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into usso_api_key (id, realm_id, user_id, "
                    + "name, display_prefix, key_hash, scopes, created_at, usage_count) values (?,?,?,?,?,?,?,?,0)")) {
                byte[] hash = new byte[32];
                for (long i = 0; i < count; i++) {
                    random.nextBytes(hash);
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, realmId);
                    insert.setString(3, "bench-filler-" + (i % 10_000));
                    insert.setString(4, "filler");
                    insert.setString(5, "uss_filler");
                    insert.setString(6, HexFormat.of().formatHex(hash));
                    insert.setString(7, "read:media/files");
                    insert.setLong(8, now);
                    insert.addBatch();
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("analyze usso_api_key");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteFiller(String realmId) {
        try (Connection c = db(); PreparedStatement d = c.prepareStatement(
                "delete from usso_api_key where realm_id = ? and user_id like 'bench-filler-%'")) {
            d.setString(1, realmId);
            d.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static String report(UssoServer server, int seconds, int connections, int keys, List<Wrk.Result> rows,
                                 List<ConstantRate.Result> fixed, List<String> ratios) {
        StringBuilder md = new StringBuilder();
        md.append("# API-key benchmark, ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16)).append("\n\n");
        md.append("Server: USSO distribution (Keycloak 26.7.3), database ").append(server.database())
                .append(", one node, ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores shared with the load generator; wrk ").append(connections).append(" connections, ")
                .append(seconds).append(" s per run after warm-up (stock and ours alternate; rows of several rounds show "
                        + "their mean); ").append(keys).append(" keys used in turn.\n\n");
        md.append("| request | requests/s | p50 ms | p90 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|---:|\n");
        for (Wrk.Result r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %d |%n", r.name(),
                    r.requestsPerSecond(), r.p50Ms(), r.p90Ms(), r.p99Ms(), r.errors()));
        }
        md.append("\nFixed rate (latency from the moment each request was due; each run first sends ")
                .append(ConstantRate.WARM_UP_SECONDS).append(" s at the same rate, not counted):\n\n")
                .append("| request | rate/s | sent | errors | p50 ms | p90 ms | p99 ms | max ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ConstantRate.Result r : fixed) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", r.name(),
                    r.rate(), r.sent(), r.errors(), r.p50Ms(), r.p90Ms(), r.p99Ms(), r.maxMs()));
        }
        md.append("\n| ratio | value |\n|---|---:|\n");
        ratios.forEach(r -> md.append(r).append('\n'));
        return md.toString();
    }
}
