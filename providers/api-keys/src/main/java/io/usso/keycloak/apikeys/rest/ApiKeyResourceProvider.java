package io.usso.keycloak.apikeys.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

import io.usso.keycloak.apikeys.ApiKeyFormat;
import io.usso.keycloak.apikeys.ApiKeyHasher;

/** Hands the per-request {@link ApiKeyResource} to Keycloak. */
public final class ApiKeyResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final ApiKeyHasher hasher;
    private final ApiKeyFormat format;

    ApiKeyResourceProvider(KeycloakSession session, ApiKeyHasher hasher, ApiKeyFormat format) {
        this.session = session;
        this.hasher = hasher;
        this.format = format;
    }

    @Override
    public Object getResource() {
        return new ApiKeyResource(session, hasher, format);
    }

    @Override
    public void close() {
    }
}
