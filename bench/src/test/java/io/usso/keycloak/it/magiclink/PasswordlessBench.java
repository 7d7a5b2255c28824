package io.usso.keycloak.it.magiclink;

import io.usso.keycloak.bench.BenchResults;
import io.usso.keycloak.bench.FoundationBench;
import io.usso.keycloak.bench.ConstantRate;
import io.usso.keycloak.bench.ProcessCpu;
import io.usso.keycloak.bench.SmtpSink;
import io.usso.keycloak.bench.Wrk;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.ApiScopes;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.Mailbox;
import io.usso.keycloak.it.support.OidcLogin;
import io.usso.keycloak.it.support.RealmTemplates;
import io.usso.keycloak.it.support.UssoServer;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passwordless (issue 5 goals) on one server with a local SMTP server ({@link SmtpSink}, in this JVM):
 * <ol>
 * <li>server CPU per magic-link login, the whole way a person goes (authorization request, address form, e-mail,
 *     link GET, confirm POST, redirect with a code, code exchange), against the CPU per {@code password} grant on
 *     the same server in the same run; CPU is the server JVM's user + system time from {@code /proc} over each
 *     phase, divided by the logins completed in it (goal: ≤ 1/5);</li>
 * <li>the link request endpoint ({@code POST /realms/{r}/magic-link}, API mode, {@code send: true}) under wrk for
 *     {@code --seconds}, then every accepted request must arrive as an e-mail (goal: ≥ 300 requests/s, no e-mail
 *     lost).</li>
 * </ol>
 * Lives in the magic-link tests' package to reuse their HTTP browser driver ({@link LinkLogin}).
 */
public final class PasswordlessBench {

    private static final String PASSWORD = "Passwordless-Bench-2026!";
    private static final int USERS = 120;

    private PasswordlessBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = FoundationBench.intArg(args, "--seconds", 20);
        int logins = FoundationBench.intArg(args, "--logins", 300);
        int warmUp = FoundationBench.intArg(args, "--warm-up-logins", 400);
        int connections = FoundationBench.intArg(args, "--connections", 16);
        int rate = FoundationBench.intArg(args, "--rate", 300);
        int threads = 4;
        UssoServer server = UssoServer.get();
        AdminApi admin = new AdminApi(server);
        String realm = "bench-passwordless";
        admin.createRealm(RealmTemplates.tenant(realm, "Passwordless benchmark"));
        String realmUrl = server.realmUrl(realm);
        // a lean SMTP server in this JVM (see SmtpSink for why not the suite's GreenMail)
        SmtpSink mail = new SmtpSink();
        Mailbox.pointRealmAt(admin, realm, mail.port());
        // the limits are what a tenant sets for a load test: 0 = none (defaults: 5 per address, 20 per IP)
        MagicLinkFlow.install(admin, realm, Map.of("links-per-ip", "0", "links-per-address", "0"));
        // and no tenant-wide e-mail budget (default 1,000 per hour; Realm settings > Security)
        admin.setRealmAttributes(realm, Map.of("usso.security.emails-per-hour", "0"));
        String secret = UssoServer.randomSecret();
        var passwordClient = AdminApi.confidentialClient("pl-password", secret, false);
        passwordClient.put("directAccessGrantsEnabled", true);
        admin.createClient(realm, passwordClient);
        admin.createClient(realm, AdminApi.confidentialClient("pl-backend", secret, true));
        admin.assignClientScope(realm, "pl-backend", ApiScopes.MAGIC_LINK, true);
        admin.grantRealmRoles(realm, admin.serviceAccountUserId(realm, "pl-backend"), "issue-magic-links");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String name = "pl-user-" + i;
            admin.createUser(realm, name, PASSWORD, Map.of());
            users.add(name);
        }
        // control: the same tenant template with Keycloak's own username + password form, and a password hash that
        // costs next to nothing (PBKDF2, 1 iteration): what Keycloak itself spends on a browser login
        String formRealm = "bench-password-form";
        var formRep = RealmTemplates.tenant(formRealm, "Password form control");
        formRep.put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
        admin.createRealm(formRep);
        String formRealmUrl = server.realmUrl(formRealm);
        for (String user : users) {
            admin.createUser(formRealm, user, PASSWORD, Map.of());
        }
        ProcessCpu cpu = new ProcessCpu(server.javaPid());

        // 0. idle CPU (timers, health), for the record
        double idle0 = cpu.millis();
        Thread.sleep(5_000);
        double idlePerSecond = (cpu.millis() - idle0) / 5;

        // 1a. magic-link logins: warm-up (long: the flow runs a lot of code, and with 40 logins the JIT compiler
        // still used as much CPU as the requests in the measured part), then measured; each thread signs in its
        // own users one after another
        runLogins(realmUrl, mail, users, threads, warmUp);
        double before = cpu.millis();
        long started = System.nanoTime();
        int done = runLogins(realmUrl, mail, users, threads, logins);
        double linkSeconds = (System.nanoTime() - started) / 1e9;
        double linkCpu = (cpu.millis() - before) / done;

        // 1b. the control: Keycloak's own browser login (form, code, token), warm-up then measured
        runFormLogins(formRealmUrl, users, threads, warmUp);
        before = cpu.millis();
        started = System.nanoTime();
        int formDone = runFormLogins(formRealmUrl, users, threads, logins);
        double formSeconds = (System.nanoTime() - started) / 1e9;
        double formCpu = (cpu.millis() - before) / formDone;

        // 1c. password grants over the same users (many users: Keycloak's quick-login check counts two logins of one
        // user within a second as a brute-force attempt)
        List<String> passwordBodies = new ArrayList<>();
        for (String user : users) {
            passwordBodies.add(Http.form(Map.of("grant_type", "password", "client_id", "pl-password",
                    "client_secret", secret, "username", user, "password", PASSWORD, "scope", "openid")));
        }
        String tokenUrl = realmUrl + "/protocol/openid-connect/token";
        Wrk wrk = new Wrk(2);
        wrk.postFormRotating("warm-up", tokenUrl, passwordBodies, threads, 10);
        before = cpu.millis();
        Wrk.Result password = wrk.postFormRotating("password grant", tokenUrl, passwordBodies, threads, seconds);
        long passwordOk = password.requests() - password.errors();
        double passwordCpu = (cpu.millis() - before) / passwordOk;

        // 2. link requests (API mode, e-mail sent) under load; then count the e-mails
        String token = OidcLogin.clientCredentials(realmUrl, "pl-backend", secret);
        List<String> linkBodies = new ArrayList<>();
        for (String user : users) {
            // the template's spa client requires PKCE: the back end passes the browser's code challenge
            linkBodies.add(Http.JSON.writeValueAsString(Map.of("email", user + "@example.test",
                    "client_id", LinkLogin.SPA, "redirect_uri", LinkLogin.REDIRECT, "send", true,
                    "code_challenge", OidcLogin.s256(UssoServer.randomSecret() + UssoServer.randomSecret()),
                    "code_challenge_method", "S256")));
        }
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
        wrk.postRotating("warm-up", realmUrl + "/magic-link", "application/json", linkBodies, auth, connections, 5);
        int warmMails = awaitQuiet(mail, 0);
        int mailsBefore = mail.received();
        long loadStart = System.nanoTime();
        Wrk.Result requests = wrk.postRotating("POST /magic-link (API mode, e-mail sent)", realmUrl + "/magic-link",
                "application/json", linkBodies, auth, connections, seconds);
        double loadEnd = (System.nanoTime() - loadStart) / 1e9;
        long accepted = requests.requests() - requests.errors();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        double drained = -1;
        while (System.nanoTime() < deadline) {
            if (mail.received() - mailsBefore >= accepted) {
                drained = (System.nanoTime() - loadStart) / 1e9;
                break;
            }
            Thread.sleep(50);
        }
        int extra = awaitQuiet(mail, mail.received());
        int delivered = mail.received() - mailsBefore;

        // 3. sustained: a fixed rate for a while; every e-mail must arrive, and soon after the load ends (a mailer
        // that falls behind would show a lag that grows with the run)
        token = OidcLogin.clientCredentials(realmUrl, "pl-backend", secret);
        int fixedMailsBefore = mail.received();
        ConstantRate.Result fixed = ConstantRate.post("POST /magic-link at " + rate + "/s", realmUrl + "/magic-link",
                "application/json", linkBodies, Map.of("Authorization", "Bearer " + token), rate, seconds);
        long fixedEnd = System.nanoTime();
        long fixedAccepted = fixed.sentInAll() - fixed.errors();
        double lag = -1;
        long lagDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < lagDeadline) {
            if (mail.received() - fixedMailsBefore >= fixedAccepted) {
                lag = (System.nanoTime() - fixedEnd) / 1e9;
                break;
            }
            Thread.sleep(20);
        }
        awaitQuiet(mail, mail.received());
        int fixedDelivered = mail.received() - fixedMailsBefore;

        StringBuilder md = new StringBuilder();
        md.append("# Passwordless benchmark, ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16)).append("\n\nServer: USSO distribution (Keycloak 26.7.3), database ")
                .append(server.database()).append(", one node, ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores shared with the load generator and a minimal SMTP server (SmtpSink, in the benchmark ")
                .append("JVM).\n")
                .append(String.format(Locale.ROOT, "Server CPU while idle: %.1f ms/s.%n%n", idlePerSecond));
        md.append("## CPU per login (server JVM, user + system, from /proc)\n\n")
                .append("| login | logins | server CPU per login ms |\n|---|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| magic link: auth request, address, e-mail, link GET, confirm POST, "
                + "code, token (%d browsers over HTTP, after %d warm-up logins) | %d in %.1f s | %.1f |%n", threads,
                warmUp, done, linkSeconds, linkCpu));
        md.append(String.format(Locale.ROOT, "| control: Keycloak's username + password form, code, token, password "
                + "hash PBKDF2 with 1 iteration (%d browsers, after %d warm-up logins) | %d in %.1f s | %.1f |%n",
                threads, warmUp, formDone, formSeconds, formCpu));
        md.append(String.format(Locale.ROOT, "| password grant (Argon2), %d connections | %d | %.1f |%n", threads,
                passwordOk, passwordCpu));
        md.append(String.format(Locale.ROOT, "%nRatio magic-link login / password grant: %.3f (goal <= 0.2).%n",
                linkCpu / passwordCpu));
        md.append(String.format(Locale.ROOT, "Ratio Keycloak's own browser login (no hash cost) / password grant: %.3f; "
                + "magic-link login / that control: %.2f.%n%n", formCpu / passwordCpu, linkCpu / formCpu));
        md.append("## Link requests\n\n| request | requests/s | p50 ms | p99 ms | non-2xx |\n|---|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %s, %d connections, %d s | %.0f | %.1f | %.1f | %d |%n",
                requests.name(), connections, seconds, requests.requestsPerSecond(), requests.p50Ms(),
                requests.p99Ms(), requests.errors()));
        md.append(String.format(Locale.ROOT, "%nAccepted %d link requests; %d e-mails arrived (%s); the last one %s "
                + "after the load started (the load ran %.1f s). Goal: >= 300 requests/s, no e-mail lost.%n",
                accepted, delivered, delivered >= accepted ? "none lost" : (accepted - delivered) + " MISSING",
                drained < 0 ? "not within 3 min" : String.format(Locale.ROOT, "%.1f s", drained), loadEnd));
        md.append(String.format(Locale.ROOT, "(warm-up: %d e-mails. E-mails beyond the accepted count come from "
                + "requests the server answered after wrk stopped counting; %d arrived after the count was reached.)%n",
                warmMails, extra));
        md.append(String.format(Locale.ROOT, "%n### Sustained: %d requests/s for %d s (after %d s at the same rate)%n%n"
                + "| requests (warm-up included) | non-2xx | p50 ms | p99 ms | e-mails arrived | last e-mail after the "
                + "load ended |%n|---:|---:|---:|---:|---:|---:|%n| %d | %d | %.1f | %.1f | %d (%s) | %s |%n", rate,
                seconds, ConstantRate.WARM_UP_SECONDS, fixed.sentInAll(), fixed.errors(), fixed.p50Ms(), fixed.p99Ms(),
                fixedDelivered, fixedDelivered >= fixedAccepted ? "none lost" : (fixedAccepted - fixedDelivered)
                        + " MISSING", lag < 0 ? "not within 3 min" : String.format(Locale.ROOT, "%.1f s", lag)));
        BenchResults.write("passwordless", server.database(), md.toString());
        admin.deleteRealm(realm);
        admin.deleteRealm(formRealm);
        mail.close();
        System.exit(0);
    }

    /** Runs {@code total} magic-link logins on {@code threads} threads; returns how many completed. */
    private static int runLogins(String realmUrl, SmtpSink mail, List<String> users, int threads, int total)
            throws Exception {
        return onThreads(threads, total, (thread, round) -> {
            String address = userOf(users, threads, thread, round) + "@example.test";
            int seen = mail.links(address).size();
            LinkLogin login = new LinkLogin(realmUrl).start();
            AdminApi.expect(login.request(address), 200, "waiting page");
            String link = mail.awaitLink(address, seen + 1, 20_000);
            return login.exchange(login.followToCode(login.openAndConfirm(link))).has("access_token");
        });
    }

    /** Runs {@code total} username + password browser logins (Keycloak's form); returns how many completed. */
    private static int runFormLogins(String realmUrl, List<String> users, int threads, int total) throws Exception {
        return onThreads(threads, total, (thread, round) -> {
            LinkLogin login = new LinkLogin(realmUrl);
            String code = login.followToCode(login.startWithPassword(userOf(users, threads, thread, round), PASSWORD));
            return login.exchange(code).has("access_token");
        });
    }

    /** One login in a thread's turn; true when it ended with an access token. */
    @FunctionalInterface
    private interface Login {
        boolean run(int thread, int round) throws Exception;
    }

    /** Runs {@code total} logins on {@code threads} threads, each thread one after another; returns how many completed. */
    private static int onThreads(int threads, int total, Login login) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                int round = 0;
                while (next.getAndIncrement() < total) {
                    if (!login.run(thread, round++)) {
                        throw new AssertionError("no access token");
                    }
                    completed.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return completed.get();
    }

    /**
     * A thread's users are thread, thread + T, ... (one thread never waits for another's e-mail, and a user is not
     * signed in twice at the same time).
     */
    private static String userOf(List<String> users, int threads, int thread, int round) {
        int perThread = (users.size() - thread + threads - 1) / threads;
        return users.get(thread + threads * (round % perThread));
    }

    /** Waits until no e-mail arrived for 3 s; returns how many arrived since {@code since} (a count). */
    private static int awaitQuiet(SmtpSink mail, int since) throws InterruptedException {
        int last = mail.received();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3)) {
            Thread.sleep(200);
            int now = mail.received();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return last - since;
    }
}
