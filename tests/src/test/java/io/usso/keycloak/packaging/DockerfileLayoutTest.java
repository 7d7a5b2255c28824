package io.usso.keycloak.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * There is no Docker engine on the build machines, so the image is checked by what can be checked: its
 * version pins match the build, and every file the Dockerfile copies from the build context exists after
 * the Maven build.
 */
class DockerfileLayoutTest {

    private static final Pattern ARG = Pattern.compile("^ARG\\s+(\\w+)=(\\S+)\\s*$");
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(.*)$");

    private final Path root = Paths.get(System.getProperty("usso.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void versionsMatchTheBuildAndEveryCopySourceExists() throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("docker/Dockerfile"));
        Map<String, String> args = new HashMap<>();
        List<String> sources = new ArrayList<>();
        for (String line : lines) {
            Matcher arg = ARG.matcher(line.trim());
            if (arg.matches()) {
                args.put(arg.group(1), arg.group(2));
            }
            Matcher copy = COPY.matcher(line.trim());
            if (copy.matches() && !copy.group(1).contains("--from=")) {
                String[] words = copy.group(1).trim().split("\\s+");
                for (int i = 0; i < words.length - 1; i++) {
                    if (!words[i].startsWith("--")) {
                        sources.add(words[i]);
                    }
                }
            }
        }
        assertEquals(System.getProperty("usso.project.version"), args.get("USSO_VERSION"), "USSO_VERSION pin");
        assertEquals(System.getProperty("usso.keycloak.version"), args.get("KEYCLOAK_VERSION"), "KEYCLOAK_VERSION pin");
        assertFalse(sources.isEmpty(), "the Dockerfile copies nothing from the build context?");
        for (String source : sources) {
            String resolved = source.replace("${USSO_VERSION}", args.get("USSO_VERSION"));
            Path path = root.resolve(resolved);
            assertTrue(Files.exists(path), "Dockerfile COPY source missing after the build: " + resolved);
            if (resolved.endsWith("providers/")) {
                try (var jars = Files.list(path)) {
                    assertTrue(jars.anyMatch(p -> p.getFileName().toString().startsWith("usso-provider-")),
                            "no USSO provider jar in " + resolved);
                }
            }
        }
    }

    @Test
    void composeRequiresSecretsFromTheEnvironment() throws IOException {
        String compose = Files.readString(root.resolve("docker/compose.yml"));
        assertTrue(compose.contains("${KC_BOOTSTRAP_ADMIN_PASSWORD:?"), "admin password must come from the environment");
        assertTrue(compose.contains("${POSTGRES_PASSWORD:?"), "database password must come from the environment");
        assertTrue(compose.contains("API_KEYS__PEPPER: ${USSO_API_KEY_PEPPER:?"), "API-key pepper must come from the environment");
        assertTrue(compose.contains("postgres:15"));
        assertTrue(compose.contains("healthcheck"));
    }

    @Test
    void composeKeepsTheManagementPortPrivateAndTrustsForwardedHeadersOnlyFromProxies() throws IOException {
        String compose = Files.readString(root.resolve("docker/compose.yml"));
        Matcher published = Pattern.compile("(?m)^\\s*-\\s*\"?(?:[\\d.]+:)?(\\d+):(\\d+)").matcher(compose);
        List<String> ports = new ArrayList<>();
        while (published.find()) {
            ports.add(published.group(2));
        }
        assertEquals(List.of("8080"), ports, "only the HTTP port is published; 9000 (health, metrics) stays inside");
        assertTrue(compose.contains("127.0.0.1/9000"), "the health check asks the management port in the container");
        if (compose.contains("KC_PROXY_HEADERS:")) {
            Matcher trusted = Pattern.compile("KC_PROXY_TRUSTED_ADDRESSES: \\$\\{USSO_TRUSTED_PROXIES:-([^}]+)}")
                    .matcher(compose);
            assertTrue(trusted.find(), "KC_PROXY_HEADERS only together with KC_PROXY_TRUSTED_ADDRESSES");
            assertFalse(trusted.group(1).contains("/"), "the default trusts one proxy address, not a network: "
                    + trusted.group(1));
        }
        String conf = Files.readString(root.resolve("distribution/src/main/conf/keycloak.conf"));
        assertTrue(conf.contains("proxy-trusted-addresses"), "keycloak.conf pairs proxy-headers with proxy-trusted-addresses");
    }

    @Test
    void theImageImportsTheDemoTenantOnlyWhenAsked() throws IOException {
        List<String> dockerfile = Files.readAllLines(root.resolve("docker/Dockerfile"));
        for (String line : dockerfile) {
            if (line.trim().startsWith("COPY")) {
                assertFalse(line.trim().endsWith("/opt/keycloak/data/import/"),
                        "nothing is copied into the import folder at build time: " + line);
            }
        }
        assertTrue(dockerfile.stream().anyMatch(l -> l.contains("ENTRYPOINT") && l.contains("usso-entrypoint.sh")));
        Path entrypoint = root.resolve("docker/usso-entrypoint.sh");
        String script = Files.readString(entrypoint);
        assertTrue(script.contains("if [ \"${USSO_IMPORT_DEMO:-false}\" = \"true\" ]"), "demo import only when asked");
        assertTrue(script.contains("exec /opt/keycloak/bin/kc.sh \"$@\""));
        assertTrue(Files.isExecutable(entrypoint), "the entrypoint is executable");
        String compose = Files.readString(root.resolve("docker/compose.yml"));
        assertTrue(compose.contains("USSO_IMPORT_DEMO: ${USSO_IMPORT_DEMO:-false}"), "compose: no demo tenant by default");
    }
}
