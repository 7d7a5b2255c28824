package io.usso.keycloak.apikeys.agents;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands the per-request {@link AgentResource} to Keycloak. */
public final class AgentResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final AgentKeyGenerator generator;

    AgentResourceProvider(KeycloakSession session, AgentKeyGenerator generator) {
        this.session = session;
        this.generator = generator;
    }

    @Override
    public Object getResource() {
        return new AgentResource(session, generator);
    }

    @Override
    public void close() {
    }
}
