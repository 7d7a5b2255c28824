package io.usso.keycloak.workspaces.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Factory of {@link WorkspaceJpaEntityProvider}, id {@value #ID}. */
public final class WorkspaceJpaEntityProviderFactory implements JpaEntityProviderFactory {

    /** Provider id. */
    public static final String ID = "usso-workspaces";

    private static final WorkspaceJpaEntityProvider PROVIDER = new WorkspaceJpaEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
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
}
