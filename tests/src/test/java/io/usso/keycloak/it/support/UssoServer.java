package io.usso.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The USSO distribution under test: the assembled tarball, unpacked and started once per test JVM
 * (one Keycloak per suite; each test class gets its own realm).
 *
 * <p>Database: {@code USSO_TEST_DB=h2} (default; dev-file H2, non-optimized start, so Keycloak re-augments
 * for it) or {@code USSO_TEST_DB=postgres} with {@code USSO_TEST_DB_URL}, {@code USSO_TEST_DB_USERNAME},
 * {@code USSO_TEST_DB_PASSWORD}: the production path, {@code start --optimized} on the tarball exactly as
 * shipped. Unless {@code USSO_TEST_DB_RESET=false}, the PostgreSQL schema {@code public} is dropped and
 * recreated first, so that every run also tests a first start (schema creation) - point it at a throw-away
 * database only.
 *
 * <p>The server runs in its own process group ({@code setsid}) and is stopped, group and all, by a JVM
 * shutdown hook, so a failed run leaves no orphan Keycloak behind.
 */
public final class UssoServer {

    private static UssoServer instance;
    /** The API-key pepper of this test run: generated, never committed, the same on every node. */
    private static final String API_KEY_PEPPER = "hex:" + java.util.HexFormat.of().formatHex(randomBytes(32));

    /**
     * The port the tests' fake outbound services (the SMS gateway) listen on: the server's SMS senders allow
     * {@code 127.0.0.1} and {@code localhost} on this port only, and the outbound guard may reach loopback.
     */
    private static final int FAKE_SERVICE_PORT = freePort();

    private static final Pattern CLUSTER_VIEW = Pattern.compile("ISPN000094: Received new cluster view[^\\n]*?\\((\\d+)\\)");

    private final String name;
    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final int clusterPort;
    private final String adminPassword;
    private final String database;
    private final Path log;
    /** The URL clients use (issuer, links): node A's, shared by its peers as behind a load balancer. */
    private final String publicUrl;
    private Process process;

    private UssoServer(String name, Path home, String database, String adminPassword, String publicUrl) {
        this.name = name;
        this.home = home;
        this.database = database;
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.clusterPort = freeClusterPort();
        this.adminPassword = adminPassword;
        this.log = home.resolve("server.log");
        this.publicUrl = publicUrl != null ? publicUrl : "http://localhost:" + httpPort;
    }

    /** The suite's server (node "a"), started on first use. */
    public static synchronized UssoServer get() {
        if (instance == null) {
            UssoServer server = new UssoServer("a", unpackTarball(), databaseKind(), randomSecret(), null);
            server.start(true);
            instance = server;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "usso-server-stop"));
        }
        return instance;
    }

    /** Whether this server runs the clustered (ispn) cache, so that peers can join it: the PostgreSQL runs. */
    public boolean clusterCapable() {
        return database.equals("postgres");
    }

    /**
     * Starts another node of the same distribution on the same database, which joins this node's cluster
     * (JGroups on loopback, JDBC_PING discovery through the shared database). Stopped at JVM exit at the latest.
     */
    public UssoServer startPeer(String peerName) {
        if (!clusterCapable()) {
            throw new IllegalStateException("a cluster needs the shared PostgreSQL database (USSO_TEST_DB=postgres)");
        }
        Path peerHome = home.getParent().resolveSibling("node-" + peerName).resolve(home.getFileName());
        try {
            deleteTree(peerHome.getParent());
            Files.createDirectories(peerHome.getParent());
            run(List.of("cp", "-a", home.toString(), peerHome.toString()), Duration.ofMinutes(2));
            Files.deleteIfExists(peerHome.resolve("server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UssoServer peer = new UssoServer(peerName, peerHome, database, adminPassword, publicUrl);
        Runtime.getRuntime().addShutdownHook(new Thread(peer::stop, "usso-peer-stop-" + peerName));
        peer.start(false);
        return peer;
    }

    /** Waits until this node's latest cluster view has {@code size} members. */
    public void awaitClusterSize(int size, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int seen = -1;
        while (Instant.now().isBefore(deadline)) {
            Matcher m = CLUSTER_VIEW.matcher(logText());
            while (m.find()) {
                seen = Integer.parseInt(m.group(1));
            }
            if (seen == size) {
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException("node " + name + ": cluster view of " + size + " not reached (last: " + seen
                + ") after " + timeout + ":\n" + tail(40));
    }

    /** Stops this node gracefully and starts it again on the same database; its log continues. */
    public synchronized void restart() {
        stop();
        start(false);
    }

    /** Kills the node at once (SIGKILL to its whole process group), as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            signal("KILL", process.pid());
            try {
                process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the pid of the node's JVM (a descendant of {@code kc.sh}), for heap measurements */
    public long javaPid() {
        if (process == null) {
            throw new IllegalStateException("node " + name + " is not running");
        }
        return process.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(ProcessHandle::pid).findFirst().orElse(process.pid());
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public String adminUsername() {
        return "admin";
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** {@code h2} or {@code postgres}. */
    public String database() {
        return database;
    }

    /** The unpacked distribution home (what an operator gets from the tarball). */
    public Path home() {
        return home;
    }

    public Path logFile() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private static String databaseKind() {
        String db = setting("USSO_TEST_DB", "h2").toLowerCase();
        if (!db.equals("h2") && !db.equals("postgres")) {
            throw new IllegalStateException("USSO_TEST_DB must be h2 or postgres, not " + db);
        }
        return db;
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name.toLowerCase().replace('_', '.'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path unpackTarball() {
        Path tarball = Paths.get(System.getProperty("usso.dist.tarball", "")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("Distribution tarball not found: " + tarball + " (run the build first: mvn package)");
        }
        Path workdir = Paths.get(System.getProperty("usso.it.workdir", "target/it-server")).toAbsolutePath();
        try {
            deleteTree(workdir);
            Files.createDirectories(workdir);
            run(List.of("tar", "xzf", tarball.toString(), "-C", workdir.toString()), Duration.ofMinutes(3));
            try (Stream<Path> entries = Files.list(workdir)) {
                return entries.filter(Files::isDirectory).findFirst()
                        .orElseThrow(() -> new IllegalStateException("empty tarball " + tarball));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Absolute path of a file of the tests' resources (on the class path). */
    private static String testResource(String name) {
        java.net.URL url = UssoServer.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " missing");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Paths.get(url.toURI()).toString();
            }
            // inside a jar (the benchmarks run from the tests' jar): a copy the server can read
            Path copy = Files.createTempFile("usso-test-", "-" + name.replace('/', '-'));
            try (java.io.InputStream in = url.openStream()) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            copy.toFile().deleteOnExit();
            return copy.toString();
        } catch (java.net.URISyntaxException | IOException e) {
            throw new IllegalStateException("test resource " + name + " unreadable", e);
        }
    }

    private void start(boolean first) {
        List<String> command = new ArrayList<>(List.of("setsid", home.resolve("bin/kc.sh").toString()));
        if (database.equals("postgres")) {
            if (first) {
                resetPostgresIfAsked();
            }
            command.addAll(List.of("start", "--optimized",
                    "--db-url=" + setting("USSO_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/usso_test"),
                    "--db-username=" + setting("USSO_TEST_DB_USERNAME", "usso"),
                    "--db-password=" + setting("USSO_TEST_DB_PASSWORD", "usso"),
                    // JGroups stays on loopback: a single node that still runs the production cache stack
                    "--cache-embedded-network-bind-address=127.0.0.1",
                    "--cache-embedded-network-bind-port=" + clusterPort));
        } else {
            command.addAll(List.of("start", "--db=dev-file", "--cache=local"));
        }
        command.addAll(List.of(
                "--http-enabled=true",
                // one public URL for every node (the issuer of tokens), as behind a load balancer
                "--hostname=" + publicUrl,
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--log-level=info,org.keycloak.events:debug"));
        if (first) {
            command.add("--import-realm");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                // a restart continues the log, so that offsets taken before it stay valid
                .redirectOutput(first ? ProcessBuilder.Redirect.to(log.toFile())
                        : ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        env.put("KC_SPI_REALM_RESTAPI_EXTENSION__API_KEYS__PEPPER", API_KEY_PEPPER);
        env.put("KC_SPI_REALM_RESTAPI_EXTENSION__QR_LOGIN__GEOIP_CSV", testResource("qr-geoip-test.csv"));
        // expired role mappings go within seconds (RoleExpiryIT waits for it)
        env.put("KC_SPI_ADMIN_REALM_RESTAPI_EXTENSION__USSO_ROLE_EXPIRY__CLEANUP_SECONDS", "10");
        // outbound calls may reach the fakes on loopback (operator setting), SMS senders the fakes' port only
        env.put("USSO_OUTBOUND_ALLOWED_PRIVATE_NETWORKS", "127.0.0.1/32,::1/128");
        String fakes = "127.0.0.1:" + FAKE_SERVICE_PORT + ",localhost:" + FAKE_SERVICE_PORT;
        env.put("KC_SPI_USSO_SMS_SENDER__HTTP_JSON__ALLOWED_HOSTS", fakes);
        env.put("KC_SPI_USSO_SMS_SENDER__KAVENEGAR__ALLOWED_HOSTS", fakes);
        env.put("KC_SPI_REALM_RESTAPI_EXTENSION__TELEGRAM__ALLOWED_HOSTS", fakes); // the fake Bot API
        // webhooks: plain http to the tests' receivers on the fakes' port; fast retries
        env.put("KC_SPI_EVENTS_LISTENER__USSO_WEBHOOKS__HTTP_ALLOWED_HOSTS", fakes);
        env.put("KC_SPI_EVENTS_LISTENER__USSO_WEBHOOKS__BACKOFF_BASE_MILLIS", "500");
        env.remove("KC_DB");
        Instant started = Instant.now();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        waitUntilReady(Duration.ofMinutes(5));
        System.out.printf("[usso-it] Keycloak node %s (%s) ready at %s in %d s; log: %s%n", name, database, baseUrl(),
                Duration.between(started, Instant.now()).toSeconds(), log);
    }

    private void resetPostgresIfAsked() {
        if (setting("USSO_TEST_DB_RESET", "true").equals("false")) {
            return;
        }
        String url = setting("USSO_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/usso_test");
        try (Connection c = DriverManager.getConnection(url, setting("USSO_TEST_DB_USERNAME", "usso"),
                setting("USSO_TEST_DB_PASSWORD", "usso"));
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the test database " + url + ": " + e.getMessage(), e);
        }
    }

    private void waitUntilReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail(80));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(1000);
        }
        stop();
        throw new IllegalStateException("Keycloak not ready after " + timeout + ":\n" + tail(80));
    }

    /** The last lines of the server log, for failure messages. */
    public String tail(int lines) {
        List<String> all = logText().lines().collect(Collectors.toList());
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Stops the node gracefully (SIGTERM, then SIGKILL after 30 s): it leaves the cluster cleanly. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        long pgid = process.pid();
        signal("TERM", pgid);
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                signal("KILL", pgid);
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            signal("KILL", pgid);
            Thread.currentThread().interrupt();
        }
        // children of kc.sh (the java process) may outlive the shell: sweep the group
        signal("KILL", pgid);
    }

    private static void signal(String signal, long pgid) {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // nothing left to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> command, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(command + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * A free port for JGroups below 15536: its failure detector (FD_SOCK2) listens on the port + 50000, which must
     * be free too and stay a valid port.
     */
    static int freeClusterPort() {
        for (int port = 7800 + new SecureRandom().nextInt(4000); port < 15536; port++) {
            if (bindable(port) && bindable(port + 50000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port for the cluster transport");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the port fake outbound services listen on (the only one the server's SMS senders may call) */
    public static int fakeServicePort() {
        return FAKE_SERVICE_PORT;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    public static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
