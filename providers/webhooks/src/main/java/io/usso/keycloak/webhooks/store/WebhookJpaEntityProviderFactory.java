package io.usso.keycloak.webhooks.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Factory of {@link WebhookJpaEntityProvider}, id {@value #ID}. */
public final class WebhookJpaEntityProviderFactory implements JpaEntityProviderFactory {

    /** Provider id. */
    public static final String ID = "usso-webhooks";

    private static final WebhookJpaEntityProvider PROVIDER = new WebhookJpaEntityProvider();

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
