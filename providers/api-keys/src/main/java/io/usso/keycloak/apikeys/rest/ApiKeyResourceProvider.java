package io.usso.keycloak.apikeys.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

import io.usso.keycloak.apikeys.ApiKeyRuntime;

/** Hands the per-request {@link ApiKeyResource} to Keycloak. */
public final class ApiKeyResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final ApiKeyRuntime runtime;

    ApiKeyResourceProvider(KeycloakSession session, ApiKeyRuntime runtime) {
        this.session = session;
        this.runtime = runtime;
    }

    @Override
    public Object getResource() {
        return new ApiKeyResource(session, runtime);
    }

    @Override
    public void close() {
    }
}
