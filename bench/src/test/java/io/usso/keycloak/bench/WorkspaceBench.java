package io.usso.keycloak.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.UssoServer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Workspaces at scale (issue 15), on PostgreSQL: a tenant with {@code --workspaces} workspaces (default 10,000) and
 * {@code --memberships} memberships (default 100,000, five per filler user), filled in the database by cloning the
 * rows Keycloak wrote for one workspace and one user made through the APIs (so the rows are exactly Keycloak's).
 * Then, in the same run:
 * <ul>
 * <li>token issuance (refresh-token grant, which runs every mapper including {@code usso-workspace-mapper}) for a
 *     member of 5 workspaces against a user of none, alternating rounds (goal: within 20 %);</li>
 * <li>{@code GET /workspaces} of the member of 5 and of a member of 200 workspaces at a fixed 100 requests/s
 *     (goal p99 &lt; 50 ms).</li>
 * </ul>
 * The benchmark tenant keeps refresh tokens reusable ({@code revokeRefreshToken=false}) so that one refresh token
 * can be replayed by the load generator.
 */
public final class WorkspaceBench {

    private static final String PASSWORD = "Workspace-Bench-2026!";
    private static final String SPA = "spa";
    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String SCOPE = "openid usso:workspaces";

    private WorkspaceBench() {
    }

    public static void main(String[] args) throws IOException {
        int seconds = FoundationBench.intArg(args, "--seconds", 15);
        int connections = FoundationBench.intArg(args, "--connections", 16);
        int workspaces = FoundationBench.intArg(args, "--workspaces", 10_000);
        int memberships = FoundationBench.intArg(args, "--memberships", 100_000);
        int rounds = FoundationBench.intArg(args, "--rounds", 3);
        UssoServer server = UssoServer.get();
        check(server.database().equals("postgres"), "the workspace benchmark fills PostgreSQL directly: --db postgres");
        AdminApi admin = new AdminApi(server);
        if (admin.get("/bench-ws").status() == 200) {
            deleteFiller();
            admin.deleteRealm("bench-ws"); // left by an interrupted run
        }
        BenchRealm bench = new BenchRealm(admin, "bench-ws");
        String realmUrl = server.realmUrl(bench.name);
        admin.setRealmAttributes(bench.name, Map.of("usso.workspaces.create", "anyone",
                "usso.workspaces.max-per-user", "1000"));
        ObjectNode rep = (ObjectNode) admin.getJson("/" + bench.name);
        rep.put("revokeRefreshToken", false);
        AdminApi.expect(admin.put("/" + bench.name, rep), 204, "reusable refresh tokens");

        String member = admin.createUser(bench.name, "member-of-5", PASSWORD, Map.of());
        String big = admin.createUser(bench.name, "member-of-200", PASSWORD, Map.of());
        admin.createUser(bench.name, "member-of-none", PASSWORD, Map.of());
        String fillerOwner = admin.createUser(bench.name, "filler-owner", PASSWORD, Map.of());
        String memberToken = login(realmUrl, "member-of-5").get("access_token").asText();
        for (int i = 1; i <= 5; i++) {
            createWorkspace(realmUrl, memberToken, "Team " + i);
        }
        String templateId = createWorkspace(realmUrl, login(realmUrl, "filler-owner").get("access_token").asText(),
                "Filler template");
        String bigToken = login(realmUrl, "member-of-200").get("access_token").asText();
        createWorkspace(realmUrl, bigToken, "Big one");

        String realmId = rep.get("id").asText();
        int users = Math.max(1, memberships / 5);
        fill(realmId, templateId, fillerOwner, big, workspaces, users);
        AdminApi.expect(admin.post("/" + bench.name + "/clear-user-cache", Map.of()), 204, "user cache");
        AdminApi.expect(admin.post("/" + bench.name + "/clear-realm-cache", Map.of()), 204, "realm cache");
        long[] counts = counts(realmId);
        System.out.printf("[bench] tenant holds %d workspaces and %d memberships%n", counts[0], counts[1]);

        // sign in after the fill: the tokens and sessions are the filled tenant's
        JsonNode memberTokens = login(realmUrl, "member-of-5");
        JsonNode lonerTokens = login(realmUrl, "member-of-none");
        JsonNode bigTokens = login(realmUrl, "member-of-200");
        JsonNode memberClaims = OidcLogin.claims(memberTokens.get("access_token").asText());
        check(memberClaims.hasNonNull("workspace_id"), "the member's token names a workspace: " + memberClaims);
        check(!OidcLogin.claims(lonerTokens.get("access_token").asText()).has("workspace_id"),
                "the loner's token names none");
        String tokenUrl = realmUrl + "/protocol/openid-connect/token";
        String memberRefresh = refreshBody(memberTokens);
        String lonerRefresh = refreshBody(lonerTokens);
        check(Http.plain().postForm(tokenUrl, OidcLogin.query(memberRefresh)).status() == 200, "refresh must answer 200");
        String listUrl = realmUrl + "/workspaces";
        Http.Response list = Http.plain().get(listUrl, "Authorization",
                "Bearer " + bigTokens.get("access_token").asText());
        check(list.status() == 200, "GET /workspaces: " + list.status() + " " + list.body());
        int bigCount = list.json().size();
        check(bigCount == 200, "the member of 200 lists " + bigCount);

        Wrk wrk = new Wrk(2);
        wrk.postForm("warm-up", tokenUrl, memberRefresh, Map.of(), connections, 10);
        wrk.postForm("warm-up", tokenUrl, lonerRefresh, Map.of(), connections, 10);
        ProcessCpu cpu = new ProcessCpu(server.javaPid());
        List<Wrk.Result> loners = new ArrayList<>();
        List<Wrk.Result> members = new ArrayList<>();
        double[] cpuMs = new double[2];
        long[] answered = new long[2];
        for (int round = 0; round < rounds; round++) {
            double at = cpu.millis();
            loners.add(wrk.postForm("refresh, user of no workspace", tokenUrl, lonerRefresh, Map.of(), connections,
                    seconds));
            at = ApiKeyBench.account(cpu, at, loners, 0, cpuMs, answered);
            members.add(wrk.postForm("refresh, member of 5 workspaces", tokenUrl, memberRefresh, Map.of(),
                    connections, seconds));
            ApiKeyBench.account(cpu, at, members, 1, cpuMs, answered);
        }
        Map<String, String> memberAuth = Map.of("Authorization", "Bearer " + freshAccess(tokenUrl, memberRefresh));
        Map<String, String> bigAuth = Map.of("Authorization", "Bearer " + freshAccess(tokenUrl, refreshBody(bigTokens)));
        ConstantRate.Result list5 = ConstantRate.get("GET /workspaces, member of 5, at 100/s", listUrl, memberAuth,
                100, 20);
        ConstantRate.Result list200 = ConstantRate.get("GET /workspaces, member of " + bigCount + ", at 100/s",
                listUrl, bigAuth, 100, 20);

        Wrk.Result loner = ApiKeyBench.combine("refresh-token grant, user of no workspace", loners);
        Wrk.Result five = ApiKeyBench.combine("refresh-token grant, member of 5 workspaces", members);
        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "# Workspaces at scale%n%nTenant: %d workspaces, %d memberships "
                + "(PostgreSQL, filled by cloning Keycloak's own rows). %d connections, %d s per run, %d rounds, "
                + "stock and ours alternating.%n%n| run | requests/s | p50 ms | p99 ms | errors |%n|---|---:|---:|---:"
                + "|---:|%n", counts[0], counts[1], connections, seconds, rounds));
        for (Wrk.Result w : List.of(loner, five)) {
            r.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d |%n", w.name(),
                    w.requestsPerSecond(), w.p50Ms(), w.p99Ms(), w.errors()));
        }
        r.append(String.format(Locale.ROOT, "%n| fixed rate | p50 ms | p99 ms | max ms | errors |%n|---|---:|---:|"
                + "---:|---:|%n"));
        for (ConstantRate.Result c : List.of(list5, list200)) {
            r.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %d |%n", c.name(), c.p50Ms(),
                    c.p99Ms(), c.maxMs(), c.errors()));
        }
        double ratio = five.requestsPerSecond() / loner.requestsPerSecond();
        double cpuRatio = (cpuMs[1] / answered[1]) / (cpuMs[0] / answered[0]);
        r.append(String.format(Locale.ROOT, "%n| ratio | value |%n|---|---:|%n| requests/s member of 5 / user of "
                + "none (goal >= 0.8) | %.2f |%n| server CPU per token, member of 5 / user of none (goal <= 1.2) | "
                + "%.2f |%n| GET /workspaces p99, member of 5 (goal < 50 ms) | %.2f ms |%n| GET /workspaces p99, "
                + "member of %d (goal < 50 ms) | %.2f ms |%n", ratio, cpuRatio, list5.p99Ms(), bigCount,
                list200.p99Ms()));
        BenchResults.write("workspaces", server.database(), r.toString());
        deleteFiller();
        bench.delete();
        System.exit(0);
    }

    private static JsonNode login(String realmUrl, String username) {
        return new OidcLogin(realmUrl, SPA, REDIRECT).login(username, PASSWORD, SCOPE);
    }

    private static String createWorkspace(String realmUrl, String token, String name) {
        Http.Response created = Http.plain().postJson(realmUrl + "/workspaces", Map.of("name", name),
                "Authorization", "Bearer " + token);
        check(created.status() == 201, "workspace " + name + ": " + created.status() + " " + created.body());
        return created.json().get("id").asText();
    }

    private static String refreshBody(JsonNode tokens) {
        return Http.form(Map.of("grant_type", "refresh_token", "client_id", SPA, "refresh_token",
                tokens.get("refresh_token").asText()));
    }

    private static String freshAccess(String tokenUrl, String refreshBody) {
        return Http.plain().postForm(tokenUrl, OidcLogin.query(refreshBody)).json().get("access_token").asText();
    }

    /**
     * Clones the template workspace's organization and group rows {@code workspaces} times, the filler owner's user
     * row for {@code users} users, gives each filler user 5 memberships and the member of 200 another 199.
     */
    private static void fill(String realmId, String templateOrgId, String templateUserId, String bigUserId,
            int workspaces, int users) {
        System.out.printf("[bench] filling %d workspaces, %d users, %d memberships%n", workspaces, users, users * 5);
        try (Connection c = ApiKeyBench.db()) {
            c.setAutoCommit(false);
            String groupId = single(c, "select group_id from org where id = ?", templateOrgId);
            String membershipType = single(c, "select membership_type from user_group_membership where group_id = ? "
                    + "and user_id = ?", groupId, templateUserId);
            // group and organization point at each other: groups first without their organization, then link
            clone(c, "keycloak_group", "id = '" + groupId + "'", Map.of("id", "'bws-g-' || i", "name",
                    "'bws-o-' || i", "org_id", "null"), workspaces);
            clone(c, "group_attribute", "group_id = '" + groupId + "'", Map.of("id",
                    "substr(md5(group_attribute.id || i), 1, 32)", "group_id", "'bws-g-' || i", "value",
                    "case when value = '" + templateOrgId + "' then 'bws-o-' || i else value end"), workspaces);
            clone(c, "org", "id = '" + templateOrgId + "'", Map.of("id", "'bws-o-' || i", "group_id", "'bws-g-' || i",
                    "name", "'Filler ' || i", "alias", "'bws-' || i"), workspaces);
            try (PreparedStatement p = c.prepareStatement("update keycloak_group set org_id = 'bws-o-' || "
                    + "substr(id, 7) where id like 'bws-g-%' and (select org_id from keycloak_group where id = ?) "
                    + "is not null")) {
                p.setString(1, groupId);
                p.executeUpdate();
            }
            clone(c, "user_entity", "id = '" + templateUserId + "'", Map.of("id", "'bws-u-' || i", "username",
                    "'bws-u-' || i", "email", "null", "email_constraint", "'bws-u-' || i"), users);
            try (PreparedStatement p = c.prepareStatement("insert into user_group_membership (group_id, user_id, "
                    + "membership_type) select 'bws-g-' || (((u * 5 + k) % ?) + 1), 'bws-u-' || u, ? from "
                    + "generate_series(1, ?) u, generate_series(0, 4) k")) {
                p.setInt(1, workspaces);
                p.setString(2, membershipType);
                p.setInt(3, users);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("insert into user_group_membership (group_id, user_id, "
                    + "membership_type) select 'bws-g-' || g, ?, ? from generate_series(1, 199) g")) {
                p.setString(1, bigUserId);
                p.setString(2, membershipType);
                p.executeUpdate();
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("analyze");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code insert into t (cols) select <col or override> from t cross join generate_series(1, n) i where ...}. */
    private static void clone(Connection c, String table, String where, Map<String, String> overrides, int n)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("select column_name from information_schema.columns where "
                + "table_name = ? and table_schema = current_schema() order by ordinal_position")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    columns.add(r.getString(1));
                }
            }
        }
        String cols = String.join(", ", columns);
        String values = String.join(", ", columns.stream().map(col -> overrides.getOrDefault(col, table + "." + col))
                .toList());
        try (Statement s = c.createStatement()) {
            int rows = s.executeUpdate("insert into " + table + " (" + cols + ") select " + values + " from " + table
                    + " cross join generate_series(1, " + n + ") i where " + table + "." + where);
            System.out.printf("[bench] %s: %d rows%n", table, rows);
        }
    }

    private static long[] counts(String realmId) {
        try (Connection c = ApiKeyBench.db()) {
            long orgs = Long.parseLong(single(c, "select count(*)::text from org where realm_id = ?", realmId));
            long members = Long.parseLong(single(c, "select count(*)::text from user_group_membership m join org o "
                    + "on o.group_id = m.group_id where o.realm_id = ?", realmId));
            return new long[] {orgs, members};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteFiller() {
        try (Connection c = ApiKeyBench.db(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from user_group_membership where group_id like 'bws-g-%'");
            s.executeUpdate("delete from user_entity where id like 'bws-u-%'");
            s.executeUpdate("update keycloak_group set org_id = null where id like 'bws-g-%'");
            s.executeUpdate("delete from org where id like 'bws-o-%'");
            s.executeUpdate("delete from group_attribute where group_id like 'bws-g-%'");
            s.executeUpdate("delete from keycloak_group where id like 'bws-g-%'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String single(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setString(i + 1, params[i]);
            }
            try (ResultSet r = p.executeQuery()) {
                check(r.next(), "no row for " + sql);
                return r.getString(1);
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
