package io.usso.keycloak.it.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.usso.keycloak.it.support.AdminApi;
import io.usso.keycloak.it.support.Http;
import io.usso.keycloak.it.support.UssoProviders;
import io.usso.keycloak.it.support.UssoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Smoke test of the assembled tarball: it starts (in production mode; with PostgreSQL as shipped, without
 * a rebuild), is healthy, imported the demo tenant, and lists every USSO provider and theme.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributionSmokeIT {

    private UssoServer server;
    private AdminApi admin;

    @BeforeAll
    void start() {
        server = UssoServer.get();
        admin = new AdminApi(server);
    }

    @Test
    void healthIsReady() {
        Http.Response r = Http.plain().get(server.managementUrl() + "/health/ready");
        assertEquals(200, r.status());
        assertEquals("UP", r.json().get("status").asText());
    }

    @Test
    void metricsAreExposed() {
        Http.Response r = Http.plain().get(server.managementUrl() + "/metrics");
        assertEquals(200, r.status());
        assertTrue(r.body().contains("jvm_memory_used_bytes"), "Prometheus metrics expected");
    }

    @Test
    void demoTenantWasImportedWithDiscovery() {
        Http.Response r = Http.plain().get(server.realmUrl("demo") + "/.well-known/openid-configuration");
        assertEquals(200, r.status(), r.body());
        JsonNode discovery = r.json();
        assertEquals(server.realmUrl("demo"), discovery.get("issuer").asText());
        assertTrue(discovery.get("code_challenge_methods_supported").toString().contains("S256"));
        JsonNode demo = admin.getJson("/demo");
        assertEquals("usso", demo.get("loginTheme").asText());
        assertEquals("usso", demo.get("emailTheme").asText());
        assertEquals("usso", demo.get("accountTheme").asText());
    }

    @Test
    void serverInfoListsEveryUssoProviderAndTheme() {
        JsonNode info = admin.serverInfo();
        List<String> missing = new ArrayList<>();
        UssoProviders.BY_SPI.forEach((spi, ids) -> {
            JsonNode providers = info.path("providers").path(spi).path("providers");
            for (String id : ids) {
                if (!providers.has(id)) {
                    missing.add(spi + "/" + id);
                }
            }
        });
        assertTrue(missing.isEmpty(), "providers missing from server info: " + missing);
        for (String type : UssoProviders.THEME_TYPES) {
            boolean found = false;
            for (JsonNode theme : info.path("themes").path(type)) {
                found |= "usso".equals(theme.path("name").asText());
            }
            assertTrue(found, "usso " + type + " theme missing from server info");
        }
    }

    @Test
    void tarballHasTheProductLayout() throws IOException {
        Path home = server.home();
        assertTrue(home.getFileName().toString().startsWith("usso-keycloak-"), home.toString());
        try (Stream<Path> jars = Files.list(home.resolve("providers"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("usso-provider-claims-")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("usso-provider-common-")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("usso-themes-")), names.toString());
        }
        assertTrue(Files.isRegularFile(home.resolve("data/import/demo-tenant.json")));
        assertTrue(Files.isRegularFile(home.resolve("data/usso/realm-templates/tenant-template.json")));
        assertTrue(Files.isExecutable(home.resolve("bin/kc.sh")), "kc.sh must stay executable in the tarball");
        assertTrue(Files.isDirectory(home.resolve("lib/quarkus")), "the tarball must be augmented (kc.sh build)");
        String conf = Files.readString(home.resolve("conf/keycloak.conf"));
        assertTrue(conf.lines().anyMatch("db=postgres"::equals), "production database is PostgreSQL");
    }

    @Test
    void productionStartOnPostgresNeedsNoRebuild() {
        // the H2 run starts non-optimized on purpose (Keycloak re-augments for dev-file)
        assumeTrue(server.database().equals("postgres"), "production start is checked in the PostgreSQL run");
        String log = server.logText();
        assertFalse(log.contains("Updating the configuration and installing your custom providers"),
                "start --optimized must use the tarball's build as is");
        assertTrue(log.contains("Keycloak") && log.contains("started"), "start message expected");
    }
}
