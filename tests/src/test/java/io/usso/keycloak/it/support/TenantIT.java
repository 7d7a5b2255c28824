package io.usso.keycloak.it.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Locale;

/**
 * Base class of integration tests: one shared server for the suite, one fresh tenant realm (from the tenant
 * template) per test class, removed afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TenantIT {

    protected UssoServer server;
    protected AdminApi admin;
    protected String realm;

    @BeforeAll
    void createTenant() {
        server = UssoServer.get();
        admin = new AdminApi(server);
        realm = "it-" + getClass().getSimpleName().toLowerCase(Locale.ROOT).replace("it", "") + "-"
                + UssoServer.randomSecret().substring(0, 6).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
        admin.createRealm(RealmTemplates.tenant(realm, "Tenant " + getClass().getSimpleName()));
        setUpTenant();
    }

    /** Per-class set-up inside the fresh realm. */
    protected void setUpTenant() {
    }

    @AfterAll
    void deleteTenant() {
        if (admin != null && realm != null) {
            admin.deleteRealm(realm);
        }
    }

    protected String realmUrl() {
        return server.realmUrl(realm);
    }
}
