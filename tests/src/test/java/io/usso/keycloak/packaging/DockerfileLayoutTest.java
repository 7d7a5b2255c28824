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
}
