package io.usso.keycloak.roleexpiry.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Factory of {@link RoleExpiryJpaEntityProvider}, id {@value #ID}. */
public final class RoleExpiryJpaEntityProviderFactory implements JpaEntityProviderFactory {

    /** Provider id. */
    public static final String ID = "usso-role-expiry";

    private static final RoleExpiryJpaEntityProvider PROVIDER = new RoleExpiryJpaEntityProvider();

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
