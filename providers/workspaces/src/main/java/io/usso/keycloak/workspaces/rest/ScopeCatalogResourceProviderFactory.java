package io.usso.keycloak.workspaces.rest;

import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Realm resource {@value #ID} ({@code /realms/{realm}/scope-catalog}), see {@link ScopeCatalogResource}. */
public final class ScopeCatalogResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = "scope-catalog";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new Provider(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("callerRole", ScopeCatalogResource.ROLE);
    }

    /** Hands the per-request {@link ScopeCatalogResource} to Keycloak. */
    private static final class Provider implements RealmResourceProvider {

        private final KeycloakSession session;

        Provider(KeycloakSession session) {
            this.session = session;
        }

        @Override
        public Object getResource() {
            return new ScopeCatalogResource(session);
        }

        @Override
        public void close() {
        }
    }
}
