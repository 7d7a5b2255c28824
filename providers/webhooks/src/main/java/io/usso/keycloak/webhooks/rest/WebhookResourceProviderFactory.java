package io.usso.keycloak.webhooks.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Realm resource {@value #ID} ({@code /realms/{realm}/webhooks}), see {@link WebhookResource}. */
public final class WebhookResourceProviderFactory implements RealmResourceProviderFactory {

    /** Provider id, also the path segment. */
    public static final String ID = "webhooks";

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

    /** Hands the per-request {@link WebhookResource} to Keycloak. */
    private static final class Provider implements RealmResourceProvider {

        private final KeycloakSession session;

        Provider(KeycloakSession session) {
            this.session = session;
        }

        @Override
        public Object getResource() {
            return new WebhookResource(session);
        }

        @Override
        public void close() {
        }
    }
}
